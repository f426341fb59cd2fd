// Tin Báo web chat snippet for a police unit's website:
//   <script src="https://tinbao.example.gov.vn/chat/embed.js" defer></script>
// Optional attributes: data-lang="en", data-position="left". Adds a floating button that opens the
// chat in an iframe. Styles are set through the DOM, texts with textContent; nothing else loads.
(() => {
  const texts = /* web-chat-texts */ {};
  const script = document.currentScript;
  if (!script?.src || document.getElementById('tinbao-chat-button')) return;
  const origin = new URL(script.src).origin;
  const language = script.dataset.lang === 'en' ? 'en' : 'vi';
  const side = script.dataset.position === 'left' ? 'left' : 'right';
  const t = (key) => texts[language]?.[key] ?? texts.vi?.[key] ?? '';

  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'tinbao-chat-button';
  button.textContent = `💬 ${t('embed_open')}`;
  button.setAttribute('aria-expanded', 'false');
  Object.assign(button.style, {
    position: 'fixed',
    bottom: '16px',
    [side]: '16px',
    zIndex: '2147483000',
    padding: '12px 18px',
    border: 'none',
    borderRadius: '999px',
    background: '#0f4c3a',
    color: '#fff',
    font: '600 16px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
    boxShadow: '0 4px 14px rgba(0, 0, 0, 0.3)',
    cursor: 'pointer',
  });

  const panel = document.createElement('div');
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', t('embed_frame_title'));
  Object.assign(panel.style, {
    position: 'fixed',
    zIndex: '2147483001',
    display: 'none',
    flexDirection: 'column',
    background: '#fff',
    boxShadow: '0 8px 30px rgba(0, 0, 0, 0.35)',
    overflow: 'hidden',
  });

  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = `✕ ${t('embed_close')}`;
  Object.assign(close.style, {
    alignSelf: 'flex-end',
    margin: '0',
    padding: '8px 12px',
    border: 'none',
    background: '#0f4c3a',
    color: '#fff',
    font: '14px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
    cursor: 'pointer',
    width: '100%',
    textAlign: side === 'left' ? 'left' : 'right',
  });

  const frame = document.createElement('iframe');
  frame.title = t('embed_frame_title');
  frame.allow = 'geolocation';
  frame.referrerPolicy = 'no-referrer';
  Object.assign(frame.style, { flex: '1', width: '100%', border: 'none' });

  panel.append(close, frame);

  function place() {
    const small = window.innerWidth < 600;
    Object.assign(
      panel.style,
      small
        ? { top: '0', bottom: '0', left: '0', right: '0', width: '100%', height: '100%', borderRadius: '0' }
        : {
            top: 'auto',
            bottom: '80px',
            left: side === 'left' ? '16px' : 'auto',
            right: side === 'right' ? '16px' : 'auto',
            width: '380px',
            height: 'min(640px, calc(100vh - 110px))',
            borderRadius: '12px',
          },
    );
  }

  function setOpen(open) {
    if (open && !frame.src) frame.src = `${origin}/chat?embed=1&lang=${language}`;
    place();
    panel.style.display = open ? 'flex' : 'none';
    button.setAttribute('aria-expanded', String(open));
    (open ? close : button).focus();
  }

  button.addEventListener('click', () => setOpen(panel.style.display === 'none'));
  close.addEventListener('click', () => setOpen(false));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && panel.style.display !== 'none') setOpen(false);
  });
  window.addEventListener('resize', place);

  const mount = () => document.body.append(button, panel);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
