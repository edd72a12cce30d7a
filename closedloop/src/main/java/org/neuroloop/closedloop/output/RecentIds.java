package org.neuroloop.closedloop.output;

import java.util.Iterator;
import java.util.LinkedHashSet;

/** The most recent command ids an output has handled (bounded, insertion ordered), to drop duplicates. */
final class RecentIds {
    private final int capacity;
    private final LinkedHashSet<String> ids = new LinkedHashSet<>();

    RecentIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds an id; false if it was already there (a duplicate). */
    boolean add(String id) {
        if (!ids.add(id)) {
            return false;
        }
        if (ids.size() > capacity) {
            Iterator<String> oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }
}
