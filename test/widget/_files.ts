/** A Windows program's first bytes ("MZ"): no accepted attachment type, whatever its name says. */
export const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]);
