/**
 * Builds realistic Telegram updates (as the Bot API sends them to a webhook or from getUpdates)
 * with auto-incrementing `update_id` and `message_id`. Ids default to a private chat whose id
 * exceeds 2^32, as real user ids now do.
 */

export interface TelegramUser {
  id: number;
  is_bot: false;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface TelegramChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  first_name?: string;
}

export interface TelegramMessage {
  message_id: number;
  from: TelegramUser;
  chat: TelegramChat;
  date: number;
  [content: string]: unknown;
}

export interface TelegramUpdate {
  update_id: number;
  message?: TelegramMessage;
  edited_message?: TelegramMessage;
  callback_query?: {
    id: string;
    from: TelegramUser;
    message: TelegramMessage;
    chat_instance: string;
    data: string;
  };
  my_chat_member?: Record<string, unknown>;
  [kind: string]: unknown;
}

export interface UpdateBuilderOptions {
  firstUpdateId?: number;
  /** The citizen; also the private chat id. */
  user?: Partial<TelegramUser>;
}

export interface MessageOptions {
  /** Another sender (and private chat) than the builder's default user. */
  from?: Partial<TelegramUser>;
}

const BOT_USER = { id: 7000000001, is_bot: true, first_name: 'Tin Báo', username: 'tin_bao_bot' };

export class TelegramUpdateBuilder {
  readonly user: TelegramUser;
  private nextUpdateId: number;
  private nextMessageId = 100;
  private nextFileId = 1;
  private nextGroupId = 13000000000000000;

  constructor(options: UpdateBuilderOptions = {}) {
    this.nextUpdateId = options.firstUpdateId ?? 500000001;
    this.user = { id: 5123456789, is_bot: false, first_name: 'Lan', language_code: 'vi', ...options.user };
  }

  /** The update id the next built update will get. */
  peekNextUpdateId(): number {
    return this.nextUpdateId;
  }

  text(text: string, options: MessageOptions = {}): TelegramUpdate {
    return this.messageUpdate({ text }, options);
  }

  /** `/start` with an optional deep-link payload, with the `bot_command` entity Telegram adds. */
  start(payload?: string, options: MessageOptions = {}): TelegramUpdate {
    const text = payload === undefined ? '/start' : `/start ${payload}`;
    return this.messageUpdate({ text, entities: [{ offset: 0, length: 6, type: 'bot_command' }] }, options);
  }

  /** A press of an inline button carrying `data`, on a message the bot sent. */
  callbackQuery(data: string, options: MessageOptions = {}): TelegramUpdate {
    const from = this.sender(options);
    const botMessage: TelegramMessage = {
      message_id: this.nextMessageId++,
      from: BOT_USER as unknown as TelegramUser,
      chat: privateChat(from),
      date: now() - 5,
      text: 'Chọn loại vụ việc',
      reply_markup: { inline_keyboard: [[{ text: 'Trộm cắp', callback_data: data }]] },
    };
    return {
      update_id: this.nextUpdateId++,
      callback_query: {
        id: `${from.id}${this.nextUpdateId}`,
        from,
        message: botMessage,
        chat_instance: '-5480412345678901234',
        data,
      },
    };
  }

  location(latitude: number, longitude: number, options: MessageOptions = {}): TelegramUpdate {
    return this.messageUpdate({ location: { latitude, longitude } }, options);
  }

  /** A shared contact: the sender's own (from a request_contact button) or someone else's. */
  contact(phone: string, own: boolean, options: MessageOptions = {}): TelegramUpdate {
    const from = this.sender(options);
    const contact = own
      ? { phone_number: phone, first_name: from.first_name, user_id: from.id }
      : { phone_number: phone, first_name: 'Hùng', user_id: 6200000001 };
    return this.messageUpdate({ contact }, options);
  }

  /** A photo as Telegram sends it: three sizes, smallest first. */
  photo(options: MessageOptions & { caption?: string; mediaGroupId?: string } = {}): TelegramUpdate {
    const id = this.nextFileId++;
    const photo = [
      { file_id: `AgACphoto${id}s`, file_unique_id: `p${id}s`, file_size: 1450, width: 90, height: 67 },
      { file_id: `AgACphoto${id}m`, file_unique_id: `p${id}m`, file_size: 21420, width: 320, height: 240 },
      { file_id: `AgACphoto${id}x`, file_unique_id: `p${id}x`, file_size: 98550, width: 1280, height: 960 },
    ];
    return this.messageUpdate(
      {
        photo,
        ...(options.caption === undefined ? {} : { caption: options.caption }),
        ...(options.mediaGroupId === undefined ? {} : { media_group_id: options.mediaGroupId }),
      },
      options,
    );
  }

  document(
    file: { fileName: string; mimeType: string; sizeBytes: number; caption?: string },
    options: MessageOptions = {},
  ): TelegramUpdate {
    const id = this.nextFileId++;
    return this.messageUpdate(
      {
        document: {
          file_name: file.fileName,
          mime_type: file.mimeType,
          file_id: `BQACdoc${id}`,
          file_unique_id: `d${id}`,
          file_size: file.sizeBytes,
        },
        ...(file.caption === undefined ? {} : { caption: file.caption }),
      },
      options,
    );
  }

  /** Several photos sent together: separate updates sharing one `media_group_id`, caption on the first. */
  album(count: number, caption?: string, options: MessageOptions = {}): TelegramUpdate[] {
    const mediaGroupId = String(this.nextGroupId++);
    return Array.from({ length: count }, (_, i) =>
      this.photo({ ...options, mediaGroupId, ...(i === 0 && caption !== undefined ? { caption } : {}) }),
    );
  }

  /** An edit of an earlier text message (the latest id built, unless given). */
  editedMessage(text: string, options: MessageOptions & { messageId?: number } = {}): TelegramUpdate {
    const from = this.sender(options);
    return {
      update_id: this.nextUpdateId++,
      edited_message: {
        message_id: options.messageId ?? this.nextMessageId - 1,
        from,
        chat: privateChat(from),
        date: now() - 60,
        edit_date: now(),
        text,
      },
    };
  }

  sticker(options: MessageOptions = {}): TelegramUpdate {
    const id = this.nextFileId++;
    return this.messageUpdate(
      {
        sticker: {
          width: 512,
          height: 512,
          emoji: '👍',
          set_name: 'HotCherry',
          is_animated: false,
          is_video: false,
          type: 'regular',
          file_id: `CAACsticker${id}`,
          file_unique_id: `s${id}`,
          file_size: 17000,
        },
      },
      options,
    );
  }

  /** The citizen blocked (`kicked`) or unblocked (`member`) the bot: no message at all. */
  myChatMember(status: 'kicked' | 'member' = 'kicked', options: MessageOptions = {}): TelegramUpdate {
    const from = this.sender(options);
    return {
      update_id: this.nextUpdateId++,
      my_chat_member: {
        chat: privateChat(from),
        from,
        date: now(),
        old_chat_member: { user: BOT_USER, status: status === 'kicked' ? 'member' : 'kicked' },
        new_chat_member: {
          user: BOT_USER,
          status,
          ...(status === 'kicked' ? { until_date: 0 } : {}),
        },
      },
    };
  }

  private messageUpdate(content: Record<string, unknown>, options: MessageOptions): TelegramUpdate {
    const from = this.sender(options);
    return {
      update_id: this.nextUpdateId++,
      message: { message_id: this.nextMessageId++, from, chat: privateChat(from), date: now(), ...content },
    };
  }

  private sender(options: MessageOptions): TelegramUser {
    return { ...this.user, ...options.from };
  }
}

function privateChat(user: TelegramUser): TelegramChat {
  return { id: user.id, type: 'private', first_name: user.first_name };
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}
