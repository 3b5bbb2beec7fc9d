/** Outside WeChat there is no cloud to initialise: the H5 build talks HTTP (see transport.ts). */
export function initCloud(): void {}
