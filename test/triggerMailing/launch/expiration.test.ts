import { toRfc3339 } from '../../../nodes/Altcraft/fields/expiration';

describe('toRfc3339: Expiration as Altcraft reads it', () => {
	test.each([
		['2026-02-22T21:00:00Z', 'UTC', '2026-02-22T21:00:00Z'],
		['2026-02-22T21:00:00.000Z', 'UTC', '2026-02-22T21:00:00Z'],
		['2026-02-22T21:00:00+03:00', 'UTC', '2026-02-22T18:00:00Z'],
		['2026-02-22T21:00:00-0500', 'UTC', '2026-02-23T02:00:00Z'],
		['2026-02-22T21:30:15.250Z', 'UTC', '2026-02-22T21:30:15.250Z'],
	])('%s with a zone keeps its instant', (input, zone, expected) => {
		expect(toRfc3339(input, zone)).toBe(expected);
	});

	test.each([
		['2026-02-22T21:00:00', 'Europe/Moscow', '2026-02-22T18:00:00Z'],
		['2026-02-22 21:00', 'America/New_York', '2026-02-23T02:00:00Z'],
		['2026-07-01T12:00:00', 'Europe/Berlin', '2026-07-01T10:00:00Z'],
		['2026-01-01T12:00:00', 'Europe/Berlin', '2026-01-01T11:00:00Z'],
		['2026-02-22', 'UTC', '2026-02-22T00:00:00Z'],
	])('%s without a zone is read in the workflow zone %s', (input, zone, expected) => {
		expect(toRfc3339(input, zone)).toBe(expected);
	});

	test('the hour that a daylight-saving change skips or repeats still gives one instant', () => {
		// 2026-03-29 02:30 does not exist in Berlin; 2026-10-25 02:30 exists twice.
		expect(toRfc3339('2026-03-29T02:30:00', 'Europe/Berlin')).toMatch(/^2026-03-29T0[01]:30:00Z$/);
		expect(toRfc3339('2026-10-25T02:30:00', 'Europe/Berlin')).toMatch(/^2026-10-25T0[01]:30:00Z$/);
	});

	test('Date and Luxon-like values are taken by their instant', () => {
		expect(toRfc3339(new Date('2026-02-22T21:00:00Z'), 'Asia/Tokyo')).toBe('2026-02-22T21:00:00Z');
		expect(toRfc3339({ toMillis: () => Date.parse('2026-02-22T21:00:00Z') }, 'UTC')).toBe('2026-02-22T21:00:00Z');
	});

	test.each(['tomorrow', '2026-02-30T10:00:00', '2026-02-22T24:00:00', '22.02.2026', '', '2026-02-22T21:00:00 UTC'])(
		'"%s" is not a date-time',
		(input) => {
			expect(toRfc3339(input, 'UTC')).toBeUndefined();
		},
	);
});
