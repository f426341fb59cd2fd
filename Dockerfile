# One image for every role (web, worker, migrations). Node 20 LTS on Debian 12.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# `npm ci` generates the Prisma client (postinstall), so the schema comes first.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund --include=dev
COPY . .
EXPOSE 3000
CMD ["npm", "start"]
