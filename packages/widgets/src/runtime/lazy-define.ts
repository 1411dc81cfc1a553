const pending = new Map<string, Promise<void>>();

/**
 * Defines `tag` from a chunk of its own, once per page, and resolves when it is defined. A widget
 * asks for its parts this way when it starts (in parallel with its data), or when first used
 * (the composer, an opened question), so the page's first download is the widget's frame and the
 * runtime. A failed load (offline, a new release replaced the chunk) is tried again next time.
 */
export function lazyDefine(tag: string, load: () => Promise<CustomElementConstructor>): Promise<void> {
  if (customElements.get(tag)) return Promise.resolve();
  let defined = pending.get(tag);
  if (!defined) {
    defined = load().then(
      (element) => {
        if (!customElements.get(tag)) customElements.define(tag, element);
      },
      (error: unknown) => {
        pending.delete(tag);
        throw error;
      },
    );
    pending.set(tag, defined);
  }
  return defined;
}
