package io.itops.asset;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The acceptance (验收) sign-off: who accepted the asset, when, for which holder, against which
 * checklist and document (e.g. the signed acceptance form's reference). Kept on the asset; the
 * archive entry of the move to "accepted" carries the same facts.
 */
public record Acceptance(String acceptedBy, Instant acceptedAt, String custodian, List<String> checklist,
                         String documentRef, String recordedBy) {

    /** Stored as the asset's {@code acceptance} map. */
    static final TableSchema<Acceptance> SCHEMA = StaticImmutableTableSchema.builder(Acceptance.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("acceptedBy").getter(Acceptance::acceptedBy).setter(Builder::acceptedBy))
            .addAttribute(Instant.class, a -> a.name("acceptedAt").getter(Acceptance::acceptedAt).setter(Builder::acceptedAt))
            .addAttribute(String.class, a -> a.name("custodian").getter(Acceptance::custodian).setter(Builder::custodian))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("checklist")
                    .getter(x -> x.checklist().isEmpty() ? null : x.checklist()).setter(Builder::checklist))
            .addAttribute(String.class, a -> a.name("documentRef").getter(Acceptance::documentRef).setter(Builder::documentRef))
            .addAttribute(String.class, a -> a.name("recordedBy").getter(Acceptance::recordedBy).setter(Builder::recordedBy))
            .build();

    public Acceptance {
        checklist = checklist == null ? List.of() : List.copyOf(checklist);
    }

    static final class Builder {
        private String acceptedBy;
        private Instant acceptedAt;
        private String custodian;
        private List<String> checklist;
        private String documentRef;
        private String recordedBy;

        Builder acceptedBy(String v) { acceptedBy = v; return this; }
        Builder acceptedAt(Instant v) { acceptedAt = v; return this; }
        Builder custodian(String v) { custodian = v; return this; }
        Builder checklist(List<String> v) { checklist = v; return this; }
        Builder documentRef(String v) { documentRef = v; return this; }
        Builder recordedBy(String v) { recordedBy = v; return this; }

        Acceptance build() {
            return new Acceptance(acceptedBy, acceptedAt, custodian, checklist, documentRef, recordedBy);
        }
    }
}
