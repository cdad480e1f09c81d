package dev.guildhall.platform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * How strictly the API reads JSON, on the one ObjectMapper that Quarkus REST and the services share:
 * <ul>
 *   <li>a key given twice in one object is refused: which value counts would be a guess (and a record
 *       body could not even be built from it);</li>
 *   <li>a number must be finite: {@code "NaN"}, {@code "Infinity"} or an overflowing {@code 1e999} would pass
 *       any range check written with {@code <} and {@code >};</li>
 *   <li>a body nests at most {@value #MAX_DEPTH} levels (the deepest, a server's config, nests 4).</li>
 * </ul>
 * {@link ProblemMappers} turns each refusal into a 400 that names the field.
 */
@Singleton
public class JsonRules implements ObjectMapperCustomizer {

    public static final int MAX_DEPTH = 32;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
        mapper.registerModule(new SimpleModule("finite-numbers")
                .addDeserializer(Double.class, new FiniteDouble(Double.class, null))
                .addDeserializer(double.class, new FiniteDouble(double.class, 0.0)));
    }

    /** Jackson's own reading of a double (from a number or a string), then refused unless finite. */
    static final class FiniteDouble extends NumberDeserializers.DoubleDeserializer {

        FiniteDouble(Class<Double> type, Double nullValue) {
            super(type, nullValue);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Double value = super.deserialize(p, ctxt);
            if (value != null && !Double.isFinite(value)) {
                throw InvalidFormatException.from(p, "not a finite number", value, Double.class);
            }
            return value;
        }
    }
}
