import { randomBytes } from 'node:crypto';

/**
 * Builds Zalo OA webhook events as Zalo sends them: ids as decimal strings beyond 2^53, `timestamp`
 * in milliseconds as a string, a fresh `msg_id` per message.
 */
export type ZaloEvent = Record<string, unknown> & { event_name: string; app_id: string; timestamp: string };

export class ZaloEventBuilder {
  readonly userId: string;
  private clock = Date.now();

  constructor(
    readonly appId: string,
    readonly oaId = '4318500000000000001',
    userId?: string,
  ) {
    this.userId = userId ?? String(2_000_000_000_000_000_000n + BigInt(Math.floor(Math.random() * 1e15)));
  }

  text(text: string): ZaloEvent {
    return this.message('user_send_text', { text });
  }

  image(url: string, caption = ''): ZaloEvent {
    return this.message('user_send_image', {
      text: caption,
      attachments: [{ type: 'image', payload: { thumbnail: url, url } }],
    });
  }

  images(urls: string[]): ZaloEvent {
    return this.message('user_send_image', {
      text: '',
      attachments: urls.map((url) => ({ type: 'image', payload: { thumbnail: url, url } })),
    });
  }

  file(url: string, name: string, size = 1024): ZaloEvent {
    return this.message('user_send_file', {
      attachments: [
        { type: 'file', payload: { url, name, size: String(size), type: 'pdf', checksum: 'abc' } },
      ],
    });
  }

  location(latitude: number | string, longitude: number | string): ZaloEvent {
    return this.message('user_send_location', {
      text: '',
      attachments: [{ type: 'location', payload: { coordinates: { latitude, longitude } } }],
    });
  }

  submitInfo(phone: string): ZaloEvent {
    return {
      ...this.envelope('user_submit_info'),
      sender: { id: this.userId },
      recipient: { id: this.oaId },
      info: { name: 'Nguyễn Văn A', phone, address: 'Số 1', city: 'Hà Nội', district: 'Ba Đình' },
    };
  }

  follow(): ZaloEvent {
    return {
      ...this.envelope('follow'),
      oa_id: this.oaId,
      follower: { id: this.userId },
      source: 'oa_profile',
    };
  }

  message(eventName: string, message: Record<string, unknown>): ZaloEvent {
    return {
      ...this.envelope(eventName),
      sender: { id: this.userId },
      recipient: { id: this.oaId },
      message: { msg_id: randomBytes(16).toString('hex'), ...message },
    };
  }

  private envelope(eventName: string) {
    this.clock += 1000;
    return {
      app_id: this.appId,
      user_id_by_app: this.userId,
      event_name: eventName,
      timestamp: String(this.clock),
    };
  }
}
