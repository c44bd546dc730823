package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itops.testing.BadInput;
import io.itops.testing.Claims;
import io.itops.testing.HttpEvent;
import io.itops.testing.Invoker;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

class AssetBadInputProperties {
    private static AssetFixture fx;
    private static String assetId;
    private static int itemsBefore;

    @BeforeContainer
    static void setUp() {
        fx = new AssetFixture();
        assetId = fx.registered("BAD-0001");
        itemsBefore = fx.system.items().size();
    }

    @Property(tries = 300)
    void registrationRefusesBadBodies_namingTheField_andWritesNothing(@ForAll("registrations") BadInput.Case bad) {
        Invoker.Response response = fx.invoker.call(bad.applyTo(HttpEvent.of("POST /assets").as(Claims.staff())));
        BadInput.assertRefused(bad, response);
        assertEquals(itemsBefore, fx.system.items().size(), "nothing written");
    }

    @Property(tries = 200)
    void transitionsRefuseBadBodies_namingTheField_andWriteNothing(@ForAll("transitions") BadInput.Case bad) {
        Invoker.Response response = fx.invoker.call(bad.applyTo(
                HttpEvent.of("POST /assets/{assetId}/transitions").path("assetId", assetId).as(Claims.staff())));
        BadInput.assertRefused(bad, response);
        assertEquals(itemsBefore, fx.system.items().size(), "nothing written");
    }

    @Provide
    Arbitrary<BadInput.Case> registrations() {
        return BadInput.bodies(AssetFixture.laptop("BAD-0002"), Set.of("assetTag", "category", "model"), 1_048_576);
    }

    @Provide
    Arbitrary<BadInput.Case> transitions() {
        return BadInput.bodies(Map.of("to", "installed", "note", "rack 4"), Set.of("to"), 1_048_576);
    }
}
