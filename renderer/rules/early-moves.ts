/**
 * Pointer moves of a drag, handled as soon as the browser has them. Chromium holds each
 * `pointermove` until the start of its next frame (rAF-aligned input), so a handler that draws
 * starts up to a frame late and its drawing then delays that frame. Where `pointerrawupdate`
 * exists (Chromium, secure contexts: localhost, file:, the desktop app), a move is handled when
 * it arrives, and what it draws is ready before the frame that shows it.
 *
 * At most one move is handled per frame: a move that comes after one was already handled in
 * this frame is kept, and the latest kept one is handled at the next frame's start — timed
 * from the earliest move it stands for (`since`), so folding moves never hides their wait.
 */
type Move = (e: PointerEvent, since: number) => void;

const early = typeof window !== 'undefined' && 'onpointerrawupdate' in window;

/** Follows the pointer until it is released. */
export function followDrag(onMove: Move, onUp: (e: PointerEvent) => void): void {
  const type = early ? 'pointerrawupdate' : 'pointermove';
  let handledThisFrame = false;
  let frame = 0;
  let kept: { e: PointerEvent; since: number } | null = null;
  const atFrame = () => {
    frame = 0;
    handledThisFrame = false;
    if (!kept) return;
    const { e, since } = kept;
    kept = null;
    handle(e, since);
  };
  const handle = (e: PointerEvent, since: number) => {
    handledThisFrame = true;
    if (!frame) frame = requestAnimationFrame(atFrame);
    onMove(e, since);
  };
  const move = (e: Event) => {
    const ev = e as PointerEvent;
    if (!early) { onMove(ev, ev.timeStamp); return; } // already one per frame, at its start
    if (handledThisFrame) kept = { e: ev, since: kept?.since ?? ev.timeStamp };
    else handle(ev, ev.timeStamp);
  };
  const up = (e: PointerEvent) => {
    window.removeEventListener(type, move);
    window.removeEventListener('pointerup', up);
    if (frame) cancelAnimationFrame(frame);
    onUp(e); // a kept move is superseded: the release says where the drag ended
  };
  window.addEventListener(type, move);
  window.addEventListener('pointerup', up);
}
