package io.rollcall.importing.parse;

import java.nio.charset.Charset;

/**
 * How a stored file is read: its character set, how many bytes of byte-order mark to skip, and
 * the field delimiter.
 */
public record RosterFormat(Charset charset, int bomLength, char delimiter) {
}
