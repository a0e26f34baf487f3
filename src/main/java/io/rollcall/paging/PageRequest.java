package io.rollcall.paging;

import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;

/** Which page of a list is asked for: {@code page} from 0, {@code size} 1 to 1000 (100 unless given). */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 1000;

    /**
     * The request as a client sent it, either part possibly missing.
     *
     * @throws RollcallException INVALID_REQUEST for a negative page or a size outside 1..1000
     */
    public static PageRequest of(Integer page, Integer size) {
        if (page != null && page < 0) {
            throw new RollcallException(ErrorCode.INVALID_REQUEST, "page must be 0 or more");
        }
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            throw new RollcallException(ErrorCode.INVALID_REQUEST, "size must be between 1 and " + MAX_SIZE);
        }
        return new PageRequest(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    /** The rows to skip before this page. */
    public long offset() {
        return (long) page * size;
    }
}
