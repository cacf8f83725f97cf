package org.belladonna.images;

/** Bytes someone sent, with the file name they gave them (for messages and download names only; never a path). */
public record Upload(String name, byte[] bytes) {
}
