package io.itops.shared.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Runs a Query one page at a time behind an opaque cursor. With a filter, DynamoDB may return fewer
 * items than asked, so it keeps reading (never past {@code limit} evaluated items per call) until the
 * page is full or the key range ends.
 */
public final class PagedQuery {
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;
    private static final int MAX_ROUNDS = 10;

    private PagedQuery() {}

    public static <T> Page<T> run(DynamoDbClient dynamo, CursorCodec cursors, String scope, String cursor, int limit,
                                  QueryRequest query, Function<Map<String, AttributeValue>, T> mapper) {
        Map<String, AttributeValue> start = cursors.decode(cursor, scope);
        List<T> items = new ArrayList<>();
        Map<String, AttributeValue> last = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            QueryRequest.Builder request = query.toBuilder().limit(limit - items.size());
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(request.build());
            response.items().forEach(i -> items.add(mapper.apply(i)));
            last = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
            if (last == null || items.size() >= limit) {
                break;
            }
            start = last;
        }
        return new Page<>(items, cursors.encode(last, scope));
    }
}
