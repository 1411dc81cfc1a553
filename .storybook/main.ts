import type { StorybookConfig } from '@storybook/web-components-vite';

/**
 * Storybook over the widgets. Stories live next to each widget
 * (packages/widgets/src/<widget>/hearth-<widget>.stories.ts) and talk to the mock API in
 * packages/widgets/src/testing, so nothing here needs the server.
 *
 * Vite: Storybook loads the root vite.config.ts but drops its `build` section (the widgets'
 * library build), keeping `define` and plugins, which is what the widgets need.
 */
const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../packages/widgets/src/**/*.stories.ts', '../docs/**/*.mdx'],
  // Backgrounds, viewport, controls and actions are part of Storybook 10's core; docs is the
  // one addon, for the pages built from custom-elements.json.
  addons: ['@storybook/addon-docs'],
  // Storybook's renderer imports `lit/directive-helpers.js`, which Vite's dev pre-bundling leaves
  // out; served raw, it brings a second lit-html next to the pre-bundled one ("Multiple versions
  // of Lit loaded"). Pre-bundling it too keeps one Lit in `storybook dev`.
  viteFinal: (vite) => ({
    ...vite,
    optimizeDeps: {
      ...vite.optimizeDeps,
      include: [...(vite.optimizeDeps?.include ?? []), 'lit', 'lit/directive-helpers.js'],
    },
  }),
  core: {
    // No telemetry, no "what's new" fetches: this runs on machines without internet access.
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
  },
};

export default config;
