package dev.realtime.system;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * How request bodies are read: every JSON string, wherever it sits in a body, passes {@link TextRules} as it is
 * read, so no controller can forget a field. Tree reading (the Socket.IO codec) does not use value deserializers
 * and is unaffected; the gateway checks its payload strings itself.
 */
@Configuration(proxyBeanMethods = false)
class JsonInputConfiguration {

    @Bean
    JsonMapperBuilderCustomizer textRulesForJsonStrings() {
        return builder -> builder.addModule(new SimpleModule("text-rules")
                .addDeserializer(String.class, new CheckedStringDeserializer()));
    }

    /** A body string that breaks a text rule; Jackson prepends the path of the field on the way out. */
    static final class TextRuleException extends MismatchedInputException {
        TextRuleException(JsonParser parser, String problem) {
            super(parser, problem, String.class);
        }
    }

    /** Jackson's own string reading, then the text rules. */
    static final class CheckedStringDeserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            String problem = value == null ? null : TextRules.unstorable(value);
            if (problem != null) {
                throw new TextRuleException(parser, problem);
            }
            return value;
        }
    }
}
