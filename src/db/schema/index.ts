export * from './regions';
export * from './industries';
export * from './accounts';
export * from './audit';
export * from './settings';
export * from './projects';
export * from './statistics';
export * from './returns';
