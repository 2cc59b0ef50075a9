import { Resvg } from '@resvg/resvg-js';

/**
 * The demo shop's pictures, drawn when the shop is seeded (nothing downloaded): each product as a
 * simple studio shot in SVG, rendered to PNG by resvg (uploads accept raster images only). Shapes
 * only, no text, so no font is needed.
 */

const SIZE = 480;

/** A soft backdrop, a floor shadow and the object. */
function shot(backdrop: [string, string], object: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 480 480">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${backdrop[0]}"/><stop offset="1" stop-color="${backdrop[1]}"/></linearGradient>
    <radialGradient id="floor" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="#000" stop-opacity="0.28"/><stop offset="1" stop-color="#000" stop-opacity="0"/></radialGradient>
  </defs>
  <rect width="480" height="480" fill="url(#bg)"/>
  <ellipse cx="240" cy="392" rx="170" ry="26" fill="url(#floor)"/>
  ${object}
</svg>`;
}

/** A round pressed tea cake in its cotton paper wrapper, with a red seal. */
const teaCake = shot(['#f4ead8', '#e2d2b4'], `
  <defs><radialGradient id="paper" cx="0.42" cy="0.38" r="0.7"><stop offset="0" stop-color="#fffaf0"/><stop offset="1" stop-color="#e6d8bd"/></radialGradient></defs>
  <ellipse cx="240" cy="250" rx="165" ry="135" fill="url(#paper)" stroke="#d4c19c" stroke-width="3"/>
  <path d="M240 250 L120 180 M240 250 L130 330 M240 250 L360 175 M240 250 L355 330 M240 250 L240 118" stroke="#dccaa6" stroke-width="2" fill="none"/>
  <circle cx="240" cy="250" r="34" fill="#efe3c9" stroke="#d4c19c" stroke-width="2"/>
  <rect x="292" y="286" width="46" height="46" rx="6" fill="#c0392b" transform="rotate(-8 315 309)"/>
  <rect x="300" y="294" width="30" height="30" rx="3" fill="none" stroke="#f6d5c8" stroke-width="3" transform="rotate(-8 315 309)"/>`);

/** A woven bamboo basket. */
const basket = shot(['#eef3e6', '#d9e4c8'], `
  <defs>
    <pattern id="weave" width="28" height="20" patternUnits="userSpaceOnUse">
      <rect width="28" height="20" fill="#c9a46a"/><rect width="14" height="10" fill="#b48a4f"/><rect x="14" y="10" width="14" height="10" fill="#b48a4f"/>
    </pattern>
    <clipPath id="body"><path d="M110 190 L370 190 L340 370 Q240 392 140 370 Z"/></clipPath>
  </defs>
  <rect x="100" y="170" width="280" height="230" fill="url(#weave)" clip-path="url(#body)"/>
  <path d="M110 190 L370 190 L340 370 Q240 392 140 370 Z" fill="none" stroke="#8a6535" stroke-width="5"/>
  <ellipse cx="240" cy="190" rx="132" ry="22" fill="#a87d44" stroke="#8a6535" stroke-width="5"/>
  <path d="M150 192 Q240 60 330 192" fill="none" stroke="#8a6535" stroke-width="12" stroke-linecap="round"/>`);

/** Two blue-and-white porcelain cups. */
const cup = (x: number) => `
  <path d="M${x - 70} 220 L${x + 70} 220 L${x + 56} 350 Q${x} 372 ${x - 56} 350 Z" fill="#fbfcff" stroke="#c9d3e6" stroke-width="3"/>
  <ellipse cx="${x}" cy="220" rx="70" ry="16" fill="#eef2fa" stroke="#c9d3e6" stroke-width="3"/>
  <path d="M${x - 50} 270 q12 -18 24 0 t24 0 t24 0 t24 0" fill="none" stroke="#2b4c9b" stroke-width="5" stroke-linecap="round"/>
  <circle cx="${x}" cy="312" r="15" fill="none" stroke="#2b4c9b" stroke-width="4"/>
  <path d="M${x - 8} 312 h16 M${x} 304 v16" stroke="#2b4c9b" stroke-width="3"/>
  <path d="M${x - 62} 240 h124" stroke="#2b4c9b" stroke-width="3"/>`;
const cups = shot(['#eaf0f8', '#d3deee'], cup(165) + cup(315));

/** A bowl heaped with goji berries. */
const berries = Array.from({ length: 46 }, (_, i) => {
  const row = Math.floor(i / 9);
  const x = 140 + ((i * 37) % 200) + (row % 2) * 10;
  const y = 235 - row * 14 + ((i * 13) % 11);
  const rot = (i * 47) % 180;
  return `<ellipse cx="${x}" cy="${y}" rx="15" ry="8" fill="${i % 3 ? '#d2261b' : '#e8452f'}" transform="rotate(${rot} ${x} ${y})"/>`;
}).join('');
const goji = shot(['#fbeee9', '#f1d6cc'], `
  ${berries}
  <path d="M100 240 Q240 250 380 240 Q372 370 240 372 Q108 370 100 240 Z" fill="#f7f4ee" stroke="#d8d0c2" stroke-width="4"/>
  <path d="M130 282 Q240 300 350 282" fill="none" stroke="#9d2a1f" stroke-width="6" stroke-linecap="round"/>`);

/** A tie-dyed cotton T-shirt. */
const tee = shot(['#eef1f6', '#d6dce8'], `
  <defs>
    <radialGradient id="dye" cx="0.5" cy="0.55" r="0.6">
      <stop offset="0" stop-color="#e9eef8"/><stop offset="0.18" stop-color="#3a5ba8"/><stop offset="0.32" stop-color="#c9d6ef"/>
      <stop offset="0.5" stop-color="#2c4a92"/><stop offset="0.66" stop-color="#b8c8e8"/><stop offset="1" stop-color="#1f3a7a"/>
    </radialGradient>
  </defs>
  <path d="M170 110 Q240 150 310 110 L400 160 L370 225 L335 210 L335 390 L145 390 L145 210 L110 225 L80 160 Z" fill="url(#dye)" stroke="#1f3a7a" stroke-width="4" stroke-linejoin="round"/>
  <path d="M195 112 Q240 140 285 112" fill="none" stroke="#e9eef8" stroke-width="6"/>`);

/** A purple-clay (zisha) teapot. */
const teapot = shot(['#f3ece6', '#e0d2c6'], `
  <defs><radialGradient id="clay" cx="0.4" cy="0.35" r="0.7"><stop offset="0" stop-color="#9a5a45"/><stop offset="1" stop-color="#5b2f22"/></radialGradient></defs>
  <path d="M330 255 Q400 235 410 190 Q392 215 352 222" fill="none" stroke="#5b2f22" stroke-width="18" stroke-linecap="round"/>
  <path d="M150 230 Q95 240 110 300 Q120 335 160 318" fill="none" stroke="#5b2f22" stroke-width="16"/>
  <ellipse cx="240" cy="285" rx="110" ry="85" fill="url(#clay)"/>
  <ellipse cx="240" cy="208" rx="62" ry="15" fill="#6e3a2a"/>
  <ellipse cx="240" cy="196" rx="12" ry="10" fill="#7d4432"/>
  <path d="M158 300 Q240 330 322 300" fill="none" stroke="#b7785f" stroke-width="3" opacity="0.6"/>`);

/** A travel tea set: a case with a pot and cups. */
const travelSet = shot(['#e9f2ee', '#cfe1d8'], `
  <rect x="90" y="200" width="300" height="170" rx="22" fill="#2f5d50"/>
  <rect x="106" y="216" width="268" height="138" rx="14" fill="#e7efe9"/>
  <ellipse cx="190" cy="290" rx="52" ry="44" fill="#f7f7f2" stroke="#b9c9bf" stroke-width="3"/>
  <ellipse cx="190" cy="250" rx="24" ry="7" fill="#dfe7e1"/>
  <path d="M238 282 Q262 272 266 256" fill="none" stroke="#b9c9bf" stroke-width="8" stroke-linecap="round"/>
  <circle cx="300" cy="262" r="26" fill="#f7f7f2" stroke="#b9c9bf" stroke-width="3"/>
  <circle cx="300" cy="320" r="26" fill="#f7f7f2" stroke="#b9c9bf" stroke-width="3"/>
  <rect x="200" y="176" width="80" height="28" rx="10" fill="none" stroke="#2f5d50" stroke-width="10"/>`);

export const demoPictures = { teaCake, basket, cups, goji, tee, teapot, travelSet };
export type DemoPicture = keyof typeof demoPictures;

/** The picture as PNG bytes. */
export function drawDemoPicture(name: DemoPicture): Buffer {
  return new Resvg(demoPictures[name], { fitTo: { mode: 'width', value: SIZE } }).render().asPng();
}
