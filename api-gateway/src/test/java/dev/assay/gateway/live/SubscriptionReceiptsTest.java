package dev.assay.gateway.live;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.user.DefaultUserDestinationResolver;
import org.springframework.messaging.simp.user.UserDestinationMessageHandler;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.web.socket.messaging.DefaultSimpUserRegistry;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionReceiptsTest {

    private final List<Message<?>> sentToClients = new ArrayList<>();
    private final SubscriptionReceipts receipts = new SubscriptionReceipts(() -> (message, timeout) -> {
        sentToClients.add(message);
        return true;
    });
    private final MessageHandler userDestinations = new UserDestinationMessageHandler(
            new ExecutorSubscribableChannel(), new ExecutorSubscribableChannel(),
            new DefaultUserDestinationResolver(new DefaultSimpUserRegistry()));

    @Test
    void aSubscriptionAskingForAReceiptIsAnsweredOnceItIsRegistered() {
        receipts.afterMessageHandled(subscribe("receipt-7"), null, userDestinations, null);

        assertThat(sentToClients).singleElement().satisfies(message -> {
            StompHeaderAccessor receipt = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
            assertThat(receipt.getCommand()).isEqualTo(StompCommand.RECEIPT);
            assertThat(receipt.getReceiptId()).isEqualTo("receipt-7");
            assertThat(receipt.getSessionId()).isEqualTo("session-1");
        });
    }

    @Test
    void noReceiptIsSentWhenNoneWasAskedFor() {
        receipts.afterMessageHandled(subscribe(null), null, userDestinations, null);

        assertThat(sentToClients).isEmpty();
    }

    @Test
    void noReceiptIsSentWhenTheSubscriptionFailed() {
        receipts.afterMessageHandled(subscribe("receipt-7"), null, userDestinations, new IllegalStateException());

        assertThat(sentToClients).isEmpty();
    }

    @Test
    void onlyTheUserDestinationHandlerRegistersUserSubscriptions() {
        receipts.afterMessageHandled(subscribe("receipt-7"), null, new SimpleBrokerMessageHandler(
                new ExecutorSubscribableChannel(), new ExecutorSubscribableChannel(),
                new ExecutorSubscribableChannel(), List.of("/queue")), null);

        assertThat(sentToClients).isEmpty();
    }

    @Test
    void framesOtherThanSubscribeGetNoReceiptHere() {
        StompHeaderAccessor send = StompHeaderAccessor.create(StompCommand.SEND);
        send.setSessionId("session-1");
        send.setReceipt("receipt-8");
        send.setDestination("/user/queue/jobs");

        receipts.afterMessageHandled(MessageBuilder.createMessage(new byte[0], send.getMessageHeaders()), null,
                userDestinations, null);

        assertThat(sentToClients).isEmpty();
    }

    private static Message<byte[]> subscribe(String receipt) {
        StompHeaderAccessor subscribe = StompHeaderAccessor.create(StompCommand.SUBSCRIBE);
        subscribe.setSessionId("session-1");
        subscribe.setSubscriptionId("sub-0");
        subscribe.setDestination("/user/queue/jobs");
        if (receipt != null) {
            subscribe.setReceipt(receipt);
        }
        return MessageBuilder.createMessage(new byte[0], subscribe.getMessageHeaders());
    }
}
