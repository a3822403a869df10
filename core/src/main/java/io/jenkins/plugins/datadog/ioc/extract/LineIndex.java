package io.jenkins.plugins.datadog.ioc.extract;

import java.util.Arrays;

/**
 * Turns offsets in a text into 1-based line and column. The line starts are found in one pass and
 * then searched, since texts can be megabytes and hold many matches.
 */
final class LineIndex {
    private int[] starts = new int[16];
    private int count;

    /** Lines end at {@code \n}, {@code \r\n} or {@code \r}, as for {@link String#lines()}. */
    LineIndex(String text) {
        add(0);
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                i++;
            }
            if (c == '\n' || c == '\r') {
                add(i + 1);
            }
        }
    }

    /** 1-based. */
    int line(int offset) {
        int found = Arrays.binarySearch(starts, 0, count, offset);
        return found >= 0 ? found + 1 : -found - 1;
    }

    /** 1-based, in UTF-16 code units. */
    int column(int offset) {
        return offset - starts[line(offset) - 1] + 1;
    }

    private void add(int start) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = start;
    }
}
