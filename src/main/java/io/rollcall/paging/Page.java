package io.rollcall.paging;

import java.util.List;

/**
 * One page of a list, as the contract shapes every paged list: the items, the total across pages,
 * and which page of which size this is.
 */
public record Page<T>(List<T> items, long total, int page, int size) {
}
