package dev.realtime.gateway;

import dev.realtime.system.ApiException;
import dev.realtime.system.TextRules;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The one object argument of a client event, with typed, validated field access. */
record Payload(JsonNode node) {

    static Payload of(List<JsonNode> args) {
        if (args.isEmpty() || !args.get(0).isObject()) {
            throw ApiException.invalid("payload", "must be an object");
        }
        return new Payload(args.get(0));
    }

    String requiredText(String field) {
        String value = optionalText(field);
        if (value == null || value.isEmpty()) {
            throw ApiException.invalid(field, "is required");
        }
        return value;
    }

    String optionalText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw ApiException.invalid(field, "must be a string");
        }
        return TextRules.requireStorable(field, value.asString());
    }

    Long optionalLong(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiException.invalid(field, "must be an integer");
        }
        return value.asLong();
    }

    long requiredLong(String field) {
        Long value = optionalLong(field);
        if (value == null) {
            throw ApiException.invalid(field, "is required");
        }
        return value;
    }

    boolean requiredBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw ApiException.invalid(field, "must be true or false");
        }
        return value.asBoolean();
    }
}
