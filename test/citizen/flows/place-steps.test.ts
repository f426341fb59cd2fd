import { describe, expect, it } from 'vitest';
import {
  atCrimeTip,
  atTrafficking,
  EngineDriver,
  textOnlyCapabilities,
} from '../../support/engine-driver.ts';

/** A crime tip at the place question. */
function atPlace(driver = atCrimeTip()): EngineDriver {
  driver.press('Ma túy');
  driver.text('Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.');
  driver.press('Hôm nay');
  expect(driver.state.step).toBe('tip_place');
  return driver;
}

describe('place steps', () => {
  it('asks for a pin through the location button where the channel has one', () => {
    const d = atPlace();
    const question = d.question();
    expect(question.request).toBe('location');
    expect(question.keys).toEqual(['place.question']);
  });

  it('asks for a typed province where the channel cannot send a pin', () => {
    const d = atPlace(atCrimeTip({ capabilities: textOnlyCapabilities }));
    expect(d.question().request).toBeUndefined();
    expect(d.question().keys).toEqual(['place.question_no_pin']);
  });

  it('takes a location pin and moves on to the people question', () => {
    const d = atPlace();
    const exchange = d.location(21.0333, 105.85);
    expect(exchange.text).toContain('Đã ghi nhận vị trí.');
    expect(d.state.step).toBe('tip_people');
    expect(d.state.draft).toMatchObject({ latitude: 21.0333, longitude: 105.85, placeUnknown: false });
  });

  it('takes a pin at the province question too', () => {
    const d = atPlace();
    d.press('Chọn tỉnh/thành');
    d.location(18.67, 105.69);
    expect(d.state.step).toBe('tip_people');
    expect(d.state.draft.latitude).toBe(18.67);
  });

  it.each([
    ['nghe an', '40'],
    ['ho chi minh', '79'],
    ['hcm', '79'],
    ['Hà Nội', '01'],
    ['tp hcm', '79'],
  ])('finds the province typed as %j', (typed, code) => {
    const d = atPlace();
    d.press('Chọn tỉnh/thành');
    expect(d.question().keys).toEqual(['place.type_province']);
    const exchange = d.text(typed);
    expect(d.state.step).toBe('tip_ward');
    expect(d.state.draft.provinceCode).toBe(code);
    expect(exchange.replies[0]?.keys).toEqual(['place.province_saved']);
  });

  it('takes a province typed straight at the place question', () => {
    const d = atPlace();
    const exchange = d.text('nghe an');
    expect(d.state.step).toBe('tip_ward');
    expect(d.state.draft.provinceCode).toBe('40');
    expect(exchange.text).toContain('Tỉnh/thành: Nghệ An.');
  });

  it('shows the matching provinces for an ambiguous name and takes a number to pick one', () => {
    const d = atPlace();
    d.press('Chọn tỉnh/thành');
    d.text('quang');
    expect(d.state.step).toBe('tip_province');
    const question = d.question();
    expect(question.keys).toEqual(['place.pick_province']);
    expect(question.buttons.slice(0, 3)).toEqual(['Quảng Trị', 'Quảng Ninh', 'Quảng Ngãi']);
    expect(question.buttons.slice(-3)).toEqual(['Không rõ', '⬅️ Quay lại', '✖️ Hủy']);

    d.text('2');

    expect(d.state.step).toBe('tip_ward');
    expect(d.state.draft.provinceCode).toBe('22');
  });

  it('goes to the province choices when a name typed at the place question is ambiguous', () => {
    const d = atPlace();
    d.text('quang');
    expect(d.state.step).toBe('tip_province');
    d.press('Quảng Ngãi');
    expect(d.state.draft.provinceCode).toBe('51');
  });

  it('finds a ward typed without diacritics within the chosen province', () => {
    const d = atPlace();
    d.text('ha noi');
    expect(d.question().keys).toEqual(['place.type_ward']);
    const exchange = d.text('ba dinh');
    expect(exchange.text).toContain('Xã/phường: Phường Ba Đình.');
    expect(d.state.step).toBe('tip_people');
    expect(d.state.draft).toMatchObject({ provinceCode: '01', wardCode: '00004', placeUnknown: false });
  });

  it('shows the matching wards for an ambiguous ward name and takes a press', () => {
    const d = atPlace();
    d.text('ha noi');
    d.text('dinh');
    expect(d.state.step).toBe('tip_ward');
    expect(d.question().keys).toEqual(['place.pick_ward']);
    d.press('Phường Ba Đình');
    expect(d.state.draft.wardCode).toBe('00004');
  });

  it('keeps the province when the ward is not known', () => {
    const d = atPlace();
    d.text('nghe an');
    d.press('Không rõ xã/phường');
    expect(d.state.step).toBe('tip_people');
    expect(d.state.draft.provinceCode).toBe('40');
    expect(d.state.draft.wardCode).toBeUndefined();
  });

  it('records "don\'t know" and moves on', () => {
    const d = atPlace();
    d.press('Không rõ');
    expect(d.state.step).toBe('tip_people');
    expect(d.state.draft.placeUnknown).toBe(true);
  });

  it('records "don\'t know" typed without diacritics at the province question', () => {
    const d = atPlace();
    d.press('Chọn tỉnh/thành');
    d.text('khong ro');
    expect(d.state.step).toBe('tip_people');
    expect(d.state.draft.placeUnknown).toBe(true);
  });

  it('says which province query matched nothing and asks again', () => {
    const d = atPlace();
    d.press('Chọn tỉnh/thành');
    const exchange = d.text('Atlantis');
    expect(exchange.replies[0]?.text).toMatch(/^Không tìm thấy tỉnh\/thành nào khớp với "Atlantis"/);
    expect(d.state.step).toBe('tip_province');
  });

  it('says which ward query matched nothing and asks again', () => {
    const d = atPlace();
    d.text('ha noi');
    const exchange = d.text('Atlantis');
    expect(exchange.replies[0]?.keys[0]).toBe('place.no_ward_match');
    expect(exchange.text).toContain('"Atlantis"');
    expect(d.state.step).toBe('tip_ward');
  });

  it('replaces a pin with a province chosen after going back', () => {
    const d = atPlace();
    d.location(21.0333, 105.85);
    d.text('quay lai');
    expect(d.state.step).toBe('tip_place');
    d.text('nghe an');
    d.press('Không rõ xã/phường');
    expect(d.state.draft.latitude).toBeUndefined();
    expect(d.state.draft.longitude).toBeUndefined();
    expect(d.state.draft.provinceCode).toBe('40');
  });

  it('replaces a province with "don\'t know" chosen after going back', () => {
    const d = atPlace();
    d.text('ha noi');
    d.text('ba dinh');
    d.text('quay lai');
    d.text('quay lai');
    expect(d.state.step).toBe('tip_place');
    d.press('Không rõ');
    expect(d.state.draft).toMatchObject({ placeUnknown: true });
    expect(d.state.draft.provinceCode).toBeUndefined();
    expect(d.state.draft.wardCode).toBeUndefined();
  });

  it('replaces a province with a pin sent after going back', () => {
    const d = atPlace();
    d.text('ha noi');
    d.text('ba dinh');
    d.text('quay lai');
    d.location(18.67, 105.69);
    expect(d.state.draft.provinceCode).toBeUndefined();
    expect(d.state.draft.wardCode).toBeUndefined();
    expect(d.state.draft.latitude).toBe(18.67);
  });

  it('serves the trafficking flow with its own step names', () => {
    const d = atTrafficking();
    d.press('Không');
    d.press('Bản thân');
    d.press('Không');
    d.press('việc làm giả');
    d.text('Tôi bị lừa sang làm việc ở một khu nhà, bị giữ hộ chiếu.');
    d.press('Việt Nam');
    expect(d.state.step).toBe('tr_place');
    d.text('ha noi');
    expect(d.state.step).toBe('tr_ward');
    d.text('ba dinh');
    expect(d.state.step).toBe('tr_last_contact');
  });
});

describe('a driver left at the start', () => {
  it('is not inside the place steps', () => {
    expect(new EngineDriver().state.step).toBe('menu');
  });
});
