// The Tin Báo web chat page. Plain JavaScript, no build step, no external resources. Every text
// from the server or the reporter is inserted with textContent, never as HTML.
(() => {
  const config = JSON.parse(document.getElementById('web-chat-config').textContent);
  const storageKeys = {
    token: 'tinbao.chat.token',
    cursor: 'tinbao.chat.cursor',
    transcript: 'tinbao.chat.transcript',
    outbox: 'tinbao.chat.outbox',
    language: 'tinbao.chat.language',
  };
  // Kept in sessionStorage: this tab only, gone when it closes. Memory when storage is refused.
  const store = openStore();
  const maxTranscript = 300;

  const elements = {
    log: document.getElementById('log'),
    status: document.getElementById('status'),
    form: document.getElementById('composer'),
    input: document.getElementById('input'),
    switchLanguage: document.getElementById('switch-language'),
    restart: document.getElementById('restart'),
  };

  let language = store.get(storageKeys.language) === 'en' ? 'en' : config.language;
  let token = store.get(storageKeys.token);
  let cursor = store.get(storageKeys.cursor) || '0';
  let transcript = readJson(storageKeys.transcript, []);
  // Messages not yet accepted by the server, in order; retried with the same id after a reload.
  let outbox = readJson(storageKeys.outbox, []);
  // A new conversation starts a new generation: loops of the old one stop at their next turn.
  let generation = 0;
  let posting = false;
  let polling = false;
  let pollAgain = false;
  let statusKey = '';

  function openStore() {
    const memory = new Map();
    let storage = null;
    try {
      storage = window.sessionStorage;
      storage.setItem('tinbao.chat.probe', '1');
      storage.removeItem('tinbao.chat.probe');
    } catch {
      storage = null;
    }
    return {
      get(key) {
        try {
          return storage ? storage.getItem(key) : (memory.get(key) ?? null);
        } catch {
          return memory.get(key) ?? null;
        }
      },
      set(key, value) {
        memory.set(key, value);
        try {
          storage?.setItem(key, value);
        } catch {
          // Storage full or refused: memory keeps this page working until it is closed.
        }
      },
      remove(key) {
        memory.delete(key);
        try {
          storage?.removeItem(key);
        } catch {
          // Nothing to do: the memory copy is gone.
        }
      },
    };
  }

  function readJson(key, fallback) {
    try {
      const value = JSON.parse(store.get(key) || 'null');
      return Array.isArray(value) ? value : fallback;
    } catch {
      return fallback;
    }
  }

  function t(key, params) {
    const text = config.texts[language][key] ?? config.texts.vi[key] ?? '';
    return text.replace(/\{(\w+)\}/g, (whole, name) =>
      params && name in params ? String(params[name]) : whole,
    );
  }

  function randomId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  // Reply ids are PostgreSQL bigints as decimal strings: compare by length, then by digits.
  function idAfter(a, b) {
    return a.length !== b.length ? a.length > b.length : a > b;
  }

  function delay(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  function saveTranscript() {
    if (transcript.length > maxTranscript) transcript = transcript.slice(-maxTranscript);
    store.set(storageKeys.transcript, JSON.stringify(transcript));
  }

  function saveOutbox() {
    store.set(storageKeys.outbox, JSON.stringify(outbox));
  }

  // ---- page texts ---------------------------------------------------------------------------

  function applyLanguage() {
    document.documentElement.lang = language;
    document.title = t('title');
    for (const element of document.querySelectorAll('[data-text]'))
      element.textContent = t(element.dataset.text);
    for (const element of document.querySelectorAll('[data-placeholder]')) {
      element.setAttribute('placeholder', t(element.dataset.placeholder));
    }
    for (const element of document.querySelectorAll('[data-label]')) {
      element.setAttribute('aria-label', t(element.dataset.label));
    }
    elements.input.maxLength = config.maxTextLength;
    showStatus(statusKey);
    render();
  }

  function showStatus(key) {
    statusKey = key;
    elements.status.textContent = key ? t(key) : '';
  }

  // ---- transcript ---------------------------------------------------------------------------

  function render() {
    const log = elements.log;
    log.replaceChildren();
    const privacy = document.createElement('p');
    privacy.className = 'note';
    privacy.textContent = t('privacy_note');
    log.append(privacy);
    const current = currentQuestion();
    transcript.forEach((entry, index) => {
      log.append(renderEntry(entry, index === current));
    });
    log.scrollTop = log.scrollHeight;
  }

  // The latest bot message answers nothing yet when only notes and unsent messages follow it: its
  // buttons are the live ones. Older buttons stay visible but disabled.
  function currentQuestion() {
    for (let index = transcript.length - 1; index >= 0; index -= 1) {
      const entry = transcript[index];
      if (entry.kind === 'bot') return index;
      if (entry.kind === 'me' && !entry.failed) return -1;
    }
    return -1;
  }

  function renderEntry(entry, isCurrent) {
    if (entry.kind === 'note') {
      const note = document.createElement('p');
      note.className = entry.error ? 'note error' : 'note';
      note.textContent = entry.textKey ? t(entry.textKey) : entry.text;
      return note;
    }
    const bubble = document.createElement('div');
    bubble.className = `msg ${entry.kind}${entry.receipt ? ' receipt' : ''}${entry.failed ? ' failed' : ''}`;
    const label = document.createElement('span');
    label.className = 'visually-hidden';
    label.textContent = `${entry.kind === 'me' ? t('you') : t('bot_name')}: `;
    const text = document.createElement('p');
    text.className = 'text';
    text.textContent = entry.text;
    bubble.append(label, text);
    if (entry.failed) {
      const mark = document.createElement('p');
      mark.className = 'failed-mark';
      mark.textContent = t('not_sent');
      bubble.append(mark);
    }
    if (entry.kind === 'bot') {
      const actions = renderActions(entry, isCurrent);
      if (actions) bubble.append(actions);
    }
    return bubble;
  }

  function renderActions(entry, active) {
    const choices = entry.choices || [];
    const wantsLocation = entry.request === 'location' && 'geolocation' in navigator;
    if (choices.length === 0 && !wantsLocation) return null;
    const actions = document.createElement('div');
    actions.className = 'choices';
    if (wantsLocation) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'choice location';
      button.textContent = entry.requestLabel || '📍';
      button.disabled = !active;
      button.addEventListener('click', shareLocation);
      actions.append(button);
    }
    for (const choice of choices) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = choice.id.startsWith('nav_') ? 'choice nav' : 'choice';
      button.disabled = !active;
      const number = document.createElement('span');
      number.className = 'num';
      number.textContent = String(choice.number);
      const label = document.createElement('span');
      label.textContent = choice.label;
      button.append(number, label);
      button.addEventListener('click', () => {
        submit({ type: 'choice', stepName: entry.stepName, choiceId: choice.id }, choice.label);
      });
      actions.append(button);
    }
    return actions;
  }

  function addEntry(entry) {
    transcript.push(entry);
    saveTranscript();
    render();
  }

  function addNote(textKey, text, error) {
    addEntry({ kind: 'note', textKey: textKey || '', text: text || '', error: Boolean(error) });
  }

  function addReply(item) {
    const last = [...transcript].reverse().find((entry) => entry.kind === 'bot');
    if (last?.id && !idAfter(item.id, last.id)) return;
    const reply = item.reply;
    addEntry({
      kind: 'bot',
      id: item.id,
      text: reply.text,
      choices: reply.choices || [],
      stepName: reply.stepName || '',
      request: reply.request || '',
      requestLabel: reply.requestLabel || '',
      receipt: Boolean(item.receipt),
    });
    if (item.receipt) addNote('receipt_hint');
  }

  // ---- server -------------------------------------------------------------------------------

  async function api(path, body) {
    const headers = { 'content-type': 'application/json', 'accept-language': language };
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(path, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
    });
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    return { status: response.status, data, retryAfter: Number(response.headers.get('retry-after')) || 0 };
  }

  async function startSession() {
    const mine = generation;
    showStatus('connecting');
    for (let failures = 0; mine === generation; ) {
      let result;
      try {
        result = await api('/chat/api/session', {});
      } catch {
        result = null;
      }
      if (mine !== generation) return;
      if (result?.status === 201 && result.data?.token) {
        token = result.data.token;
        store.set(storageKeys.token, token);
        showStatus('');
        queue({ type: 'command', command: 'start' }, null);
        return;
      }
      if (result?.status === 429) {
        addNote('', result.data?.message || t('offline'), true);
        await delay(Math.max(result.retryAfter, 5) * 1000);
        continue;
      }
      failures += 1;
      showStatus('offline');
      await delay(Math.min(15_000, 1000 * 2 ** failures));
    }
  }

  function submit(message, shownText) {
    if (!token) return;
    queue(message, shownText);
  }

  function queue(message, shownText) {
    const item = { clientMessageId: randomId(), message, language };
    if (shownText !== null) {
      item.entry = transcript.length;
      addEntry({ kind: 'me', text: shownText });
    }
    outbox.push(item);
    saveOutbox();
    void postAll();
  }

  async function postAll() {
    if (posting) return;
    posting = true;
    const mine = generation;
    let failures = 0;
    try {
      while (outbox.length > 0 && mine === generation) {
        const item = outbox[0];
        let result;
        try {
          result = await api('/chat/api/messages', {
            clientMessageId: item.clientMessageId,
            message: item.message,
            language: item.language,
          });
        } catch {
          result = null;
        }
        if (mine !== generation) return;
        if (result?.status === 200) {
          failures = 0;
          outbox.shift();
          saveOutbox();
          startPolling();
          continue;
        }
        if (result && result.status >= 400 && result.status < 500) {
          // Refused (bad input, too fast, unknown session): not stored, so not retried.
          outbox.shift();
          saveOutbox();
          markFailed(item);
          addNote('', result.data?.message || t('error_invalid'), true);
          continue;
        }
        failures += 1;
        showStatus('offline');
        await delay(result?.retryAfter ? result.retryAfter * 1000 : Math.min(15_000, 1000 * 2 ** failures));
      }
    } finally {
      if (mine === generation) {
        posting = false;
        if (statusKey === 'offline') showStatus(polling ? 'typing' : '');
      }
    }
  }

  function markFailed(item) {
    const entry = item.entry === undefined ? null : transcript[item.entry];
    if (entry && entry.kind === 'me') {
      entry.failed = true;
      saveTranscript();
      render();
    }
  }

  function startPolling() {
    if (polling) {
      pollAgain = true;
      return;
    }
    void poll();
  }

  // Asks for replies after the last one shown (which acknowledges it) until the server says
  // nothing more is being answered. A reply is shown, then its id stored as the cursor, so a
  // reload asks again from the last reply really shown.
  async function poll() {
    polling = true;
    const mine = generation;
    showStatus('typing');
    let failures = 0;
    try {
      while (mine === generation) {
        pollAgain = false;
        let result;
        try {
          result = await api('/chat/api/replies', { after: cursor, waitSeconds: 20 });
        } catch {
          result = null;
        }
        if (mine !== generation) return;
        if (result?.status !== 200 || !result.data) {
          if (result?.status === 401) {
            addNote('', result.data?.message || t('error_session'), true);
            return;
          }
          failures += 1;
          showStatus('offline');
          await delay(result?.retryAfter ? result.retryAfter * 1000 : Math.min(15_000, 1000 * 2 ** failures));
          continue;
        }
        failures = 0;
        showStatus('typing');
        const replies = result.data.replies || [];
        for (const item of replies) addReply(item);
        if (replies.length > 0) {
          cursor = result.data.cursor;
          store.set(storageKeys.cursor, cursor);
          continue;
        }
        if (!result.data.busy && !pollAgain && !posting && outbox.length === 0) return;
        if (!result.data.busy) await delay(300);
      }
    } finally {
      if (mine === generation) {
        polling = false;
        showStatus('');
      }
    }
  }

  // ---- input --------------------------------------------------------------------------------

  function sendTyped() {
    const text = elements.input.value.trim();
    if (text === '' || !token) return;
    elements.input.value = '';
    fitInput();
    submit({ type: 'text', text }, text);
  }

  function fitInput() {
    const input = elements.input;
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 140)}px`;
  }

  function shareLocation() {
    showStatus('locating');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        showStatus('');
        const { latitude, longitude } = position.coords;
        submit(
          { type: 'location', latitude, longitude },
          `📍 ${latitude.toFixed(5)}, ${longitude.toFixed(5)}`,
        );
      },
      () => {
        showStatus('');
        addNote('location_failed', '', true);
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  function restart() {
    if (transcript.length > 0 && !window.confirm(t('new_conversation_confirm'))) return;
    generation += 1;
    posting = false;
    polling = false;
    for (const key of [storageKeys.token, storageKeys.cursor, storageKeys.transcript, storageKeys.outbox]) {
      store.remove(key);
    }
    token = null;
    cursor = '0';
    transcript = [];
    outbox = [];
    render();
    void startSession();
  }

  elements.form.addEventListener('submit', (event) => {
    event.preventDefault();
    sendTyped();
  });
  elements.input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      sendTyped();
    }
  });
  elements.input.addEventListener('input', fitInput);
  elements.switchLanguage.addEventListener('click', () => {
    language = language === 'vi' ? 'en' : 'vi';
    store.set(storageKeys.language, language);
    applyLanguage();
  });
  elements.restart.addEventListener('click', restart);

  applyLanguage();
  if (!token) {
    void startSession();
  } else {
    // A reload: send what was not accepted yet, and fetch what came while the page was away.
    if (outbox.length > 0) void postAll();
    startPolling();
  }
})();
