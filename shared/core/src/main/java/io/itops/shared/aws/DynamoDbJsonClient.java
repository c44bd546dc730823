package io.itops.shared.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The DynamoDB data-plane operations the functions use, behind the SDK's own {@link DynamoDbClient}
 * interface and model classes, so stores and tests are written against the familiar API, but sent
 * through {@link AwsJsonService} instead of the SDK's client runtime. Errors arrive as the SDK's
 * exception types ({@link ConditionalCheckFailedException}, {@link TransactionCanceledException} with
 * its cancellation reasons, ...). Operations not listed here keep the interface's default: they throw
 * {@link UnsupportedOperationException}.
 */
public final class DynamoDbJsonClient implements DynamoDbClient {
    private final AwsJsonService service;

    public DynamoDbJsonClient(AwsJsonService service) {
        this.service = service;
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return call("GetItem", request, GetItemResponse.builder());
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return call("PutItem", request, PutItemResponse.builder());
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return call("UpdateItem", request, UpdateItemResponse.builder());
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        return call("DeleteItem", request, DeleteItemResponse.builder());
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        return call("Query", request, QueryResponse.builder());
    }

    @Override
    public ScanResponse scan(ScanRequest request) {
        return call("Scan", request, ScanResponse.builder());
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        return call("BatchGetItem", request, BatchGetItemResponse.builder());
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        return call("BatchWriteItem", request, BatchWriteItemResponse.builder());
    }

    @Override
    public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest request) {
        return call("TransactGetItems", request, TransactGetItemsResponse.builder());
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        return call("TransactWriteItems", request, TransactWriteItemsResponse.builder());
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // nothing held: connections are the JDK's keep-alive pool
    }

    private <B extends SdkPojo & SdkBuilder<B, R>, R> R call(String operation, SdkPojo request, B response) {
        AwsHttp.Response answer = service.call(operation, SdkJson.write(request));
        if (!answer.ok()) {
            throw exception(AwsJsonService.Error.of(answer), answer.body());
        }
        return SdkJson.read(answer.body(), response).build();
    }

    /** The SDK exception for {@code error}, with the members its body carries (cancellation reasons, item). */
    static AwsServiceException exception(AwsJsonService.Error error, byte[] body) {
        DynamoDbException.Builder builder = builderFor(error.code());
        if (builder instanceof SdkPojo pojo) {
            SdkJson.read(body, pojo);
        }
        return error.fill(builder, "DynamoDb").build();
    }

    // A switch, not a map of method references: an exception class is loaded only when its error occurs.
    private static DynamoDbException.Builder builderFor(String code) {
        return switch (code) {
            case "ConditionalCheckFailedException" -> ConditionalCheckFailedException.builder();
            case "TransactionCanceledException" -> TransactionCanceledException.builder();
            case "TransactionConflictException" -> TransactionConflictException.builder();
            case "TransactionInProgressException" -> TransactionInProgressException.builder();
            case "IdempotentParameterMismatchException" -> IdempotentParameterMismatchException.builder();
            case "ProvisionedThroughputExceededException" -> ProvisionedThroughputExceededException.builder();
            case "RequestLimitExceeded" -> RequestLimitExceededException.builder();
            case "ThrottlingException" -> ThrottlingException.builder();
            case "ResourceNotFoundException" -> ResourceNotFoundException.builder();
            case "ItemCollectionSizeLimitExceededException" -> ItemCollectionSizeLimitExceededException.builder();
            case "InternalServerError" -> InternalServerErrorException.builder();
            default -> DynamoDbException.builder();
        };
    }
}
