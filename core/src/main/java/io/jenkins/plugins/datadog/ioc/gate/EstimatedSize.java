package io.jenkins.plugins.datadog.ioc.gate;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

/**
 * An estimate of the heap bytes an object graph of records, strings, lists, maps and small values
 * holds, on a 64-bit JVM with compressed references, rounded up rather than down. It walks the records'
 * components, so a field added to the answer is counted without anyone remembering to.
 */
final class EstimatedSize {
    private static final int HEADER = 16;
    private static final int REFERENCE = 4;
    /** A String with its byte array; characters counted as two bytes, as for text beyond Latin-1. */
    private static final int STRING = 24 + HEADER;
    /** A boxed number, a Boolean, an Instant, an enum constant. */
    private static final int SMALL_VALUE = 24;

    private EstimatedSize() {}

    static long of(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String text) {
            return STRING + 2L * text.length();
        }
        if (value instanceof Collection<?> collection) {
            long bytes = HEADER + 16 + (long) REFERENCE * collection.size();
            for (Object element : collection) {
                bytes += of(element);
            }
            return bytes;
        }
        if (value instanceof Map<?, ?> map) {
            long bytes = HEADER + 32;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                bytes += 32 + of(entry.getKey()) + of(entry.getValue());
            }
            return bytes;
        }
        if (value instanceof Record record) {
            RecordComponent[] components = record.getClass().getRecordComponents();
            long bytes = HEADER + 8L * components.length;
            for (RecordComponent component : components) {
                bytes += of(read(component, record));
            }
            return bytes;
        }
        return SMALL_VALUE;
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component + " to estimate its size", e);
        }
    }
}
