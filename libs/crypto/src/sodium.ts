import sodium from 'libsodium-wrappers';

// libsodium's WebAssembly must be initialised before any call. Awaiting it once here, at module load, lets every
// function of this library be synchronous and impossible to call too early.
await sodium.ready;

export { sodium };
