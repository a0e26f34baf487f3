package io.rollcall.importing.parse;

import java.io.IOException;

/**
 * A stored upload that is not what was uploaded: chunks missing, short, or altered. Reading it
 * fails the import with the file error FILE_INCOMPLETE rather than ending it early.
 */
public class IncompleteFile extends IOException {

    public IncompleteFile(String message) {
        super(message);
    }
}
