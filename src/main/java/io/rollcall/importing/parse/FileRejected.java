package io.rollcall.importing.parse;

import java.util.List;

import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;

import org.springframework.modulith.NamedInterface;

/**
 * The file as a whole cannot be imported (a file error): nothing of it is written.
 * {@code missingFields} and {@code foundFields} are non-empty only for {@link ErrorCode#MISSING_FIELDS}.
 */
@NamedInterface("file-error")
public class FileRejected extends RollcallException {

    private final List<String> missingFields;
    private final List<String> foundFields;

    public FileRejected(ErrorCode code, String message) {
        this(code, message, List.of(), List.of());
    }

    /** A MISSING_FIELDS error: the required columns missing, and the header cells that were there. */
    public FileRejected(ErrorCode code, String message, List<String> missingFields, List<String> foundFields) {
        super(code, message);
        this.missingFields = List.copyOf(missingFields);
        this.foundFields = List.copyOf(foundFields);
    }

    public List<String> missingFields() {
        return missingFields;
    }

    /** The header cells of the file, for an admin to see what to rename; empty but for MISSING_FIELDS. */
    public List<String> foundFields() {
        return foundFields;
    }
}
