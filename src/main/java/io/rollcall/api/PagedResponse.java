package io.rollcall.api;

import java.util.List;

/** A page of a list, as the contract shapes it: items, the total across pages, page and size. */
record PagedResponse<T>(List<T> items, long total, int page, int size) {
}
