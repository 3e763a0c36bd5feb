package dev.realtime.system;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * How request bodies are read. A value must have the JSON type of its field: {@code {"text": 5}} or
 * {@code {"seq": "1"}} are refused, not converted, as the socket gateway refuses them. Every JSON string, wherever
 * it sits in a body, passes {@link TextRules} as it is read, so no controller can forget a field. Tree reading
 * (the Socket.IO codec) uses neither and is unaffected; the gateway checks its payload itself.
 */
@Configuration(proxyBeanMethods = false)
class JsonInputConfiguration {

    @Bean
    JsonMapperBuilderCustomizer textRulesForJsonStrings() {
        return builder -> builder
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .addModule(new SimpleModule("text-rules")
                        .addDeserializer(String.class, new CheckedStringDeserializer()));
    }

    /** A body string that breaks a text rule; Jackson prepends the path of the field on the way out. */
    static final class TextRuleException extends MismatchedInputException {
        TextRuleException(JsonParser parser, String problem) {
            super(parser, problem, String.class);
        }
    }

    /**
     * Jackson's own string reading for JSON strings only (the scalar-coercion switch leaves number-to-string and
     * boolean-to-string on), then the text rules.
     */
    static final class CheckedStringDeserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String value = super.deserialize(parser, context);
            String problem = value == null ? null : TextRules.unstorable(value);
            if (problem != null) {
                throw new TextRuleException(parser, problem);
            }
            return value;
        }
    }
}
