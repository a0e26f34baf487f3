package io.rollcall.importing.parse;

import java.util.List;

import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;

import org.springframework.modulith.NamedInterface;

/**
 * The file as a whole cannot be imported (a file error): nothing of it is written.
 * {@code missingFields} is non-empty only for {@link ErrorCode#MISSING_FIELDS}.
 */
@NamedInterface("file-error")
public class FileRejected extends RollcallException {

    private final List<String> missingFields;

    public FileRejected(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    public FileRejected(ErrorCode code, String message, List<String> missingFields) {
        super(code, message);
        this.missingFields = List.copyOf(missingFields);
    }

    public List<String> missingFields() {
        return missingFields;
    }
}
