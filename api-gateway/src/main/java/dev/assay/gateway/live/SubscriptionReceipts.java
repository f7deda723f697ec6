package dev.assay.gateway.live;

import java.util.function.Supplier;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.user.UserDestinationMessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Answers a SUBSCRIBE to a user destination that asks for a receipt once the subscription is registered with the
 * broker, so a client knows from when on it receives events. Spring's simple broker sends no receipts itself.
 * The user destination handler hands the translated subscription to the broker synchronously, so once it has
 * handled the frame the subscription is live.
 */
final class SubscriptionReceipts implements ExecutorChannelInterceptor {

    private static final byte[] EMPTY = new byte[0];
    private static final int MAX_RECEIPT_LENGTH = 128;

    private final Supplier<MessageChannel> clientOutboundChannel;

    SubscriptionReceipts(Supplier<MessageChannel> clientOutboundChannel) {
        this.clientOutboundChannel = clientOutboundChannel;
    }

    @Override
    public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler,
            Exception exception) {
        if (exception != null || !(handler instanceof UserDestinationMessageHandler)) {
            return;
        }
        StompHeaderAccessor subscribe = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (subscribe == null || subscribe.getCommand() != StompCommand.SUBSCRIBE) {
            return;
        }
        String receipt = subscribe.getReceipt();
        if (receipt == null || receipt.length() > MAX_RECEIPT_LENGTH) {
            return;
        }
        StompHeaderAccessor answer = StompHeaderAccessor.create(StompCommand.RECEIPT);
        answer.setSessionId(subscribe.getSessionId());
        answer.setReceiptId(receipt);
        answer.setLeaveMutable(true);
        clientOutboundChannel.get().send(MessageBuilder.createMessage(EMPTY, answer.getMessageHeaders()));
    }
}
