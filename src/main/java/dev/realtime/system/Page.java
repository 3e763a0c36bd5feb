package dev.realtime.system;

import java.util.List;

/** One page of a list, as the API returns it. */
public record Page<T>(List<T> items, boolean hasMore) {

    /** Builds a page from up to {@code limit + 1} rows: the extra row only says there is more. */
    public static <T> Page<T> of(List<T> rows, int limit) {
        return rows.size() > limit ? new Page<>(List.copyOf(rows.subList(0, limit)), true) : new Page<>(rows, false);
    }
}
