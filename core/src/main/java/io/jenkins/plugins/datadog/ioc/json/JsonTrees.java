package io.jenkins.plugins.datadog.ioc.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * JSON trees read and written with jackson-core's streaming API, without an ObjectMapper: creating the
 * first ObjectMapper costs about 0.1 s (its date formats pull in the JDK's locale data), a tenth of a
 * CLI run. The trees are databind's {@link JsonNode}s, the same that {@code ObjectMapper.readTree} makes,
 * and the output is that of an ObjectMapper with {@code INDENT_OUTPUT}.
 */
public final class JsonTrees {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {}

    public static JsonNodeFactory nodes() {
        return NODES;
    }

    /**
     * @return the one JSON value of {@code json}, or {@code null} when there is none
     * @throws IOException (a {@link JsonParseException}) if it is not JSON, or has more after the value
     */
    public static JsonNode read(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return read(parser);
        }
    }

    public static JsonNode read(String json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return read(parser);
        }
    }

    /** A streaming parser over {@code in}, for files too large to read as one tree. */
    public static JsonParser parser(java.io.Reader in) throws IOException {
        return FACTORY.createParser(in);
    }

    /** The value that starts at {@code parser}'s current token, as a tree; the parser is left on its last token. */
    public static JsonNode readValue(JsonParser parser) throws IOException {
        return value(parser, parser.currentToken());
    }

    private static JsonNode read(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            return null;
        }
        JsonNode value = value(parser, first);
        if (parser.nextToken() != null) {
            throw new JsonParseException(parser, "Trailing token (of type " + parser.currentToken()
                    + ") found after the value");
        }
        return value;
    }

    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String name = parser.currentName();
                    object.set(name, value(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(value(parser, next));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                        ? NODES.numberNode(parser.getDecimalValue()) : NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new JsonParseException(parser, "Unexpected token " + token);
        }
    }

    /** Writes {@code node} indented, as ObjectMapper's {@code INDENT_OUTPUT} does; leaves {@code out} open. */
    public static void write(JsonNode node, Writer out) throws IOException {
        try (JsonGenerator generator = generator(out)) {
            write(node, generator);
        }
    }

    /** A generator that indents as {@link #write(JsonNode, Writer)} does and leaves {@code out} open when closed. */
    public static JsonGenerator generator(Writer out) throws IOException {
        JsonGenerator generator = FACTORY.createGenerator(out);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        generator.setPrettyPrinter(new DefaultPrettyPrinter());
        return generator;
    }

    /** Writes {@code node} as the next value of {@code out}. */
    public static void write(JsonNode node, JsonGenerator out) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.writeStartObject();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    out.writeFieldName(field.getKey());
                    write(field.getValue(), out);
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (JsonNode element : node) {
                    write(element, out);
                }
                out.writeEndArray();
            }
            case STRING -> out.writeString(node.textValue());
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> out.writeNumber(node.intValue());
                    case LONG -> out.writeNumber(node.longValue());
                    case BIG_INTEGER -> out.writeNumber(node.bigIntegerValue());
                    case BIG_DECIMAL -> out.writeNumber(node.decimalValue());
                    case FLOAT -> out.writeNumber(node.floatValue());
                    default -> out.writeNumber(node.doubleValue());
                }
            }
            case BOOLEAN -> out.writeBoolean(node.booleanValue());
            case NULL -> out.writeNull();
            default -> out.writeString(node.asText());
        }
    }
}
