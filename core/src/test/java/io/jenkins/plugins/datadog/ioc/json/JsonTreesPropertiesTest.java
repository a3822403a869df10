package io.jenkins.plugins.datadog.ioc.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** JsonTrees reads and writes exactly as the ObjectMapper it replaces. */
class JsonTreesPropertiesTest {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Property(tries = 500)
    void writesWhatObjectMapperWrites(@ForAll("trees") JsonNode tree) throws IOException {
        StringWriter out = new StringWriter();
        JsonTrees.write(tree, out);
        assertThat(out.toString()).isEqualTo(MAPPER.writeValueAsString(tree));
    }

    @Property(tries = 500)
    void readsWhatObjectMapperReads(@ForAll("trees") JsonNode tree) throws IOException {
        byte[] json = MAPPER.writeValueAsBytes(tree);
        assertThat(JsonTrees.read(json)).isEqualTo(MAPPER.readTree(json));
        assertThat(JsonTrees.read(new String(json, StandardCharsets.UTF_8))).isEqualTo(MAPPER.readTree(json));
    }

    @Example
    void notJsonAndTrailingTokensAreRefused() throws IOException {
        assertThatThrownBy(() -> JsonTrees.read("{\"a\":1} {}")).isInstanceOf(IOException.class).hasMessageContaining("Trailing token");
        assertThatThrownBy(() -> JsonTrees.read("<html>")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JsonTrees.read("{\"a\":")).isInstanceOf(IOException.class);
        assertThat(JsonTrees.read("  ")).isNull();
        assertThat(JsonTrees.read("12345678901234567890123").bigIntegerValue()).isEqualTo(new BigInteger("12345678901234567890123"));
    }

    @Provide
    Arbitrary<JsonNode> trees() {
        return tree(3);
    }

    private Arbitrary<JsonNode> tree(int depth) {
        Arbitrary<JsonNode> leaves = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(NODES::textNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<JsonNode> child = tree(depth - 1);
        Arbitrary<JsonNode> arrays = child.list().ofMaxSize(4).map(list -> {
            ArrayNode array = NODES.arrayNode();
            list.forEach(array::add);
            return array;
        });
        Arbitrary<JsonNode> objects = Arbitraries.maps(Arbitraries.strings().ofMaxLength(6), child).ofMaxSize(4).map(map -> {
            ObjectNode object = NODES.objectNode();
            map.forEach(object::set);
            return object;
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaves), net.jqwik.api.Tuple.of(1, arrays), net.jqwik.api.Tuple.of(1, objects));
    }
}
