import { useEffect, useRef, useState } from 'react';

/** At most this many hearts float at once: a burst of 1,000 likes must not create 1,000 nodes. */
const MAX_HEARTS = 12;
/** Hearts take turns among this many colours (--heart-1… in tokens.css). */
const COLORS = 5;

/**
 * Floating hearts for likes: when `count` grows (anyone's likes arrived as a new total), float
 * that many hearts, capped; each removes itself when its animation ends.
 */
export function FloatingHearts({ count }: { count: number }) {
  const [hearts, setHearts] = useState<{ id: number; x: number; color: number }[]>([]);
  const seen = useRef(count);
  const next = useRef(0);

  useEffect(() => {
    const add = Math.min(MAX_HEARTS, count - seen.current);
    seen.current = count;
    if (add <= 0) return;
    setHearts((h) =>
      [
        ...h,
        ...Array.from({ length: add }, () => ({
          id: next.current++,
          x: Math.round(Math.random() * 40 - 20),
          color: (next.current % COLORS) + 1,
        })),
      ].slice(-MAX_HEARTS),
    );
  }, [count]);

  return (
    <div className="hearts" aria-hidden="true">
      {hearts.map((h) => (
        <span
          key={h.id}
          className={`heart heart-${h.color}`}
          style={{ ['--heart-x' as string]: `${h.x}px` }}
          onAnimationEnd={() => setHearts((all) => all.filter((x) => x.id !== h.id))}
        >
          ♥
        </span>
      ))}
    </div>
  );
}
