package io.rollcall.importing.parse;

import java.nio.charset.Charset;

/**
 * How a stored file is read: its character set, how many bytes of byte-order mark to skip, and
 * the field delimiter. {@code charsetGuessed} is true when nothing in the file named its character
 * set (no byte order mark, not valid UTF-8, no choice by the uploader), so the admin is told.
 */
public record RosterFormat(Charset charset, int bomLength, char delimiter, boolean charsetGuessed) {

    public RosterFormat(Charset charset, int bomLength, char delimiter) {
        this(charset, bomLength, delimiter, false);
    }
}
