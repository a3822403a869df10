package io.jenkins.plugins.datadog.ioc.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** A Jenkins agent extracts from a workspace file and sends the {@link Extraction} back, serialized. */
class ExtractionSerializationTest {
    private static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    @Test
    void anExtractionRoundTripsWithItsPositions() throws Exception {
        Extraction extraction = new IndicatorExtractor(false)
                .extract("Fetched http://c2.badactor.net/x from 45.33.32.156\nand again 45.33.32.156 via 10.0.0.1\n");

        Object copy = deserialize(serialize(extraction));

        assertThat(copy).isEqualTo(extraction);
        assertThat(((Extraction) copy).locations("deploy.log")).isEqualTo(extraction.locations("deploy.log"));
        assertThat(extraction.found()).hasSize(2);
        assertThat(extraction.skipped()).isEqualTo(1);
    }

    @Test
    void aForgedPositionIsRefusedByTheConstructor() throws Exception {
        byte[] bytes = serialize(new Extraction.Found("evil.example", 1, 1, 1));
        // the same stream with the line 0, which the constructor refuses: records are not deserialized around it
        byte[] forged = bytes.clone();
        int at = indexOfIntAfterFields(forged);
        forged[at + 3] = 0;

        assertThatThrownBy(() -> deserialize(forged)).isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("start at 1");
    }

    /** The record's ints are written in field-name order (column, line, occurrences): the second is line. */
    private static int indexOfIntAfterFields(byte[] stream) {
        // TC_ENDBLOCKDATA (0x78) then TC_NULL (0x70) closes the class description; then the primitive values
        for (int i = 0; i + 1 < stream.length; i++) {
            if (stream[i] == 0x78 && stream[i + 1] == 0x70) {
                return i + 2 + 4; // skip column
            }
        }
        throw new AssertionError("no class description end");
    }
}
