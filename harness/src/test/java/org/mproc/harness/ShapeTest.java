package org.mproc.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Declaring dimensions, reading {@code --shape} and asking for a dimension in a trial: the bad input each refuses (G-HAR-6). */
class ShapeTest {
    private static final Dimensions QUEUE = Dimensions.main("elements", 1).and("producers", 1).and("payload", 0);

    @Test
    @Tag("G-HAR-6")
    void aShapeReadsBackFromItsText() {
        Shape shape = Shape.parse("elements=40, producers=1");
        assertEquals(OptionalInt.of(40), shape.get("elements"));
        assertEquals("elements=40,producers=1", shape.toString());
        assertEquals(shape, Shape.parse(shape.toString()));
        assertEquals("elements=40,producers=2", shape.with("producers", 2).toString());
        assertTrue(Shape.parse(" ").isEmpty());
    }

    @Test
    @Tag("G-HAR-6")
    void malformedShapesAreRefusedNamingThePart() {
        assertEquals("shape part 'elements' is not name=value (e.g. elements=40)",
                assertThrows(IllegalArgumentException.class, () -> Shape.parse("elements")).getMessage());
        assertEquals("shape dimension elements: 'many' is not an integer",
                assertThrows(IllegalArgumentException.class, () -> Shape.parse("elements=many")).getMessage());
        assertEquals("shape dimension elements is given twice",
                assertThrows(IllegalArgumentException.class, () -> Shape.parse("elements=4,elements=5")).getMessage());
        assertEquals("shape dimension elements = -1 is negative",
                assertThrows(IllegalArgumentException.class, () -> Shape.parse("elements=-1")).getMessage());
    }

    @Test
    @Tag("G-HAR-6")
    void aShapeBelowAMinimumOrWithAnUnknownNameIsRefusedNamingIt() {
        QUEUE.check(Shape.parse("elements=1,payload=0"));
        assertEquals("dimension producers = 0 is below its minimum 1",
                assertThrows(IllegalArgumentException.class, () -> QUEUE.check(Shape.parse("producers=0"))).getMessage());
        assertEquals("unknown dimension 'consumers'; declared: elements (main, min 1), producers (min 1), payload (min 0)",
                assertThrows(IllegalArgumentException.class, () -> QUEUE.check(Shape.parse("consumers=1"))).getMessage());
        assertEquals("unknown dimension 'elements'; this scenario declares none",
                assertThrows(IllegalArgumentException.class, () -> Dimensions.none().check(Shape.parse("elements=1"))).getMessage());
    }

    @Test
    @Tag("G-HAR-6")
    void badDeclarationsAreRefusedNamingTheDimension() {
        assertEquals("dimension elements is declared twice",
                assertThrows(IllegalArgumentException.class, () -> Dimensions.main("elements", 1).and("elements", 2)).getMessage());
        assertEquals("dimension elements: the minimum must be at least 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> Dimensions.main("elements", -1)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Dimensions.main("Elements", 1)).getMessage()
                .startsWith("dimension name 'Elements' must be lower case"));
        assertEquals("declare the main dimension first: Dimensions.main(name, min)",
                assertThrows(IllegalArgumentException.class, () -> Dimensions.none().and("elements", 1)).getMessage());
        assertEquals(List.of("elements", "producers", "payload"), QUEUE.all().stream().map(Dimension::name).toList());
        assertTrue(QUEUE.all().get(0).main());
    }

    @Test
    @Tag("G-HAR-6")
    void aTrialGetsTheProfilesValueUnlessTheShapeGivesOneAndRecordsWhatItUsed() {
        TrialContext trial = new TrialContext(Profile.STRESS, 1L, 0, null, QUEUE, Shape.parse("elements=40"));
        assertEquals(40, trial.dimension("elements", 5000));
        assertEquals(2, trial.dimension("producers", 2));
        assertEquals(Shape.parse("elements=40,producers=2"), trial.shape());
        assertTrue(trial.declarationError().isEmpty());
    }

    @Test
    @Tag("G-HAR-6")
    void aTrialAskingForAnUnknownDimensionOrBelowItsMinimumIsTheScenariosError() {
        TrialContext unknown = new TrialContext(Profile.STRESS, 1L, 0, null, QUEUE, Shape.none());
        assertThrows(IllegalArgumentException.class, () -> unknown.dimension("consumers", 2));
        assertEquals("scenario shape: unknown dimension 'consumers'; declared: elements (main, min 1), producers (min 1), payload (min 0)",
                unknown.declarationError().orElseThrow());

        TrialContext tooSmall = new TrialContext(Profile.STRESS, 1L, 0, null, QUEUE, Shape.none());
        assertThrows(IllegalArgumentException.class, () -> tooSmall.dimension("producers", 0));
        assertEquals("scenario shape: dimension producers: the profile's value 0 is below its minimum 1 (min > max)",
                tooSmall.declarationError().orElseThrow());

        TrialContext twice = new TrialContext(Profile.STRESS, 1L, 0, null, QUEUE, Shape.none());
        twice.dimension("payload", 3);
        assertThrows(IllegalArgumentException.class, () -> twice.dimension("payload", 3));
        assertEquals("scenario shape: dimension payload is asked for twice in one trial", twice.declarationError().orElseThrow());

        TrialContext shrunkTooFar = new TrialContext(Profile.STRESS, 1L, 0, null, QUEUE, Shape.parse("producers=0"));
        assertThrows(IllegalArgumentException.class, () -> shrunkTooFar.dimension("producers", 2));
        assertEquals("scenario shape: dimension producers = 0 is below its minimum 1", shrunkTooFar.declarationError().orElseThrow());
    }
}
