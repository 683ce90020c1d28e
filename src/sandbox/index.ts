export { startPinpointSandbox } from './pinpoint/server.ts';
export { startPolymerSandbox } from './polymer/server.ts';
export type { SandboxOptions, RunningSandbox } from './shared/types.ts';
export type { PinpointSandbox, PinpointSandboxOptions } from './pinpoint/server.ts';
export type { PolymerSandbox } from './polymer/server.ts';
export type { PinpointState, PinpointPlanted } from './pinpoint/state.ts';
export type { PolymerState, PolymerPlanted } from './polymer/state.ts';
export { DEFAULT_PINPOINT_API_KEY, PINPOINT_API_PREFIX } from './pinpoint/server.ts';
export { DEFAULT_POLYMER_API_KEY, POLYMER_API_PREFIX } from './polymer/server.ts';
