# One image for every role (web, migrations; worker in a later stage). Node 20 LTS on Debian 12.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --include=dev
COPY . .
RUN npx prisma generate
EXPOSE 3000
CMD ["npm", "start"]
