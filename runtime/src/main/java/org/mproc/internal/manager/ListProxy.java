package org.mproc.internal.manager;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.mproc.ProcessFunction;
import org.mproc.SharedList;
import org.mproc.internal.manager.ManagerCall.AddCall;
import org.mproc.internal.manager.ManagerCall.GetCall;
import org.mproc.internal.manager.ManagerCall.RemoveCall;
import org.mproc.internal.manager.ManagerCall.SetCall;
import org.mproc.internal.manager.ManagerCall.SizeCall;
import org.mproc.internal.manager.ManagerCall.SnapshotCall;
import org.mproc.internal.manager.ManagerCall.UpdateCall;

public final class ListProxy<E> extends ManagerProxy implements SharedList<E> {
    private static final long serialVersionUID = 1L;

    public ListProxy(String socket, long objectId, long serverPid) {
        super(socket, objectId, serverPid);
    }

    private static byte[] index(int i) {
        return encode(i, "the index");
    }

    @Override
    public E get(int index) {
        byte[] i = index(index);
        return decode(call(corr -> new GetCall(corr, objectId(), i)));
    }

    @Override
    public E set(int index, E element) {
        byte[] i = index(index);
        byte[] e = encode(element, "the element");
        return decode(call(corr -> new SetCall(corr, objectId(), i, e)));
    }

    @Override
    public void add(E element) {
        byte[] e = encode(element, "the element");
        call(corr -> new AddCall(corr, objectId(), e));
    }

    @Override
    public E remove(int index) {
        byte[] i = index(index);
        return decode(call(corr -> new RemoveCall(corr, objectId(), i)));
    }

    @Override
    public int size() {
        return ManagerProxy.<Integer>decode(call(corr -> new SizeCall(corr, objectId())));
    }

    @Override
    public List<E> snapshot() {
        return decode(call(corr -> new SnapshotCall(corr, objectId())));
    }

    @Override
    public E updateAndGet(int index, ProcessFunction<E, E> fn) {
        Objects.requireNonNull(fn, "fn");
        byte[] i = index(index);
        byte[] function = encode(fn, "the function");
        return decode(call(corr -> new UpdateCall(corr, objectId(), i, function)));
    }

    @Override
    public boolean addAll(Collection<? extends E> elements) {
        Objects.requireNonNull(elements, "elements");
        List<byte[]> encoded = new ArrayList<>(elements.size());
        int i = 0;
        for (E e : elements) {
            encoded.add(encode(e, "element " + i++));
        }
        return decode(invoke("addAll", encoded.toArray(new byte[0][])));
    }

    @Override
    public void clear() {
        invoke("clear");
    }

    @Override
    public int indexOf(E element) {
        return ManagerProxy.<Integer>decode(invoke("indexOf", encode(element, "the element")));
    }
}
