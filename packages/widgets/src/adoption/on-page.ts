/**
 * `hearth.js` carries every widget a reader sees; `<hearth-adoption>`, the dashboard of the few who
 * roll Hearth out, is fetched only by a page that has one (its own entry, `adoption.js`, defines
 * it): now, or as soon as one is added to the page. So the other widgets' pages pay nothing for
 * it (scripts/size.mjs). An element inside another element's shadow root is not seen here, but
 * the configurator's preview (one) is: an editor's page with `<hearth-configurator>` loads it too.
 */
export function defineAdoptionWhenOnPage(): void {
  const adoption = document.getElementsByTagName('hearth-adoption');
  const editor = document.getElementsByTagName('hearth-configurator');
  const found = { get length() { return adoption.length + editor.length; } };
  const load = () => void import('./define.ts').catch(() => undefined);
  if (found.length > 0) return load();
  const watch = new MutationObserver(() => {
    if (found.length === 0) return;
    watch.disconnect();
    load();
  });
  watch.observe(document.documentElement, { childList: true, subtree: true });
}
