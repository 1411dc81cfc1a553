/**
 * When people write: weekdays and working hours (UTC), a little busier in recent weeks as
 * adoption grows. Shared by the posts and the questions of the seed.
 */
import { WeightedPicker, type Rng } from './random.ts';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/** The seed's window: the last 90 UTC days, today included. */
export const WINDOW_DAYS = 90;

const HOUR_WEIGHTS = [
  0.05, 0.04, 0.04, 0.04, 0.05, 0.08, 0.15, 0.4, 1.0, 1.6, 1.8, 1.6, 0.9, 1.3, 1.6, 1.5, 1.2, 0.7, 0.35, 0.2, 0.15,
  0.1, 0.07, 0.05,
];

/** `count` times in the window, sorted, none later than a minute before `now`. */
export function postTimes(rng: Rng, count: number, now: Date): Float64Array {
  const end = now.getTime() - 60_000;
  const firstDay = startOfUtcDay(now.getTime()) - (WINDOW_DAYS - 1) * DAY;
  const days: number[] = [];
  const dayWeights: number[] = [];
  for (let d = 0; d < WINDOW_DAYS; d++) {
    const start = firstDay + d * DAY;
    const weekday = new Date(start).getUTCDay();
    const weekend = weekday === 0 ? 0.05 : weekday === 6 ? 0.07 : 1;
    days.push(start);
    dayWeights.push(weekend * (0.8 + (0.4 * d) / WINDOW_DAYS));
  }
  const dayPicker = new WeightedPicker(days, dayWeights);
  const hours = HOUR_WEIGHTS.map((_, h) => h);
  const hourPicker = new WeightedPicker(hours, HOUR_WEIGHTS);
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let t: number;
    let tries = 0;
    do {
      t = dayPicker.draw(rng) + hourPicker.draw(rng) * HOUR + rng.int(0, HOUR - 1);
      // The window may open less than a day before `now` only in contrived tests; give up then.
      if (++tries > 1_000) t = Math.min(t, end);
    } while (t > end);
    times[i] = t;
  }
  return times.sort();
}

/** Replies written at night mostly wait for the next working morning (UTC). */
export function workingHours(rng: Rng, t: number, end: number): number {
  const hour = new Date(t).getUTCHours();
  if (hour >= 7 && hour < 20) return t;
  if (!rng.chance(0.8)) return t;
  const morning = startOfUtcDay(t) + (hour >= 20 ? DAY : 0) + 7.5 * HOUR + rng.int(0, 3 * HOUR);
  return morning < end ? morning : t;
}

export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}
