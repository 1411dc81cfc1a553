export * from './common.ts';
export * from './people.ts';
export * from './communities.ts';
export * from './posts.ts';
export * from './tags.ts';
export * from './events.ts';
export * from './api.ts';
export * from './text.ts';
