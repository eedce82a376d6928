package org.mproc.internal.manager;

import java.util.List;
import java.util.Objects;
import org.mproc.ProcessFunction;
import org.mproc.SharedList;

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
        return decode(call(ManagerFrames.GET, index(index), NOTHING));
    }

    @Override
    public E set(int index, E element) {
        return decode(call(ManagerFrames.SET, index(index), encode(element, "the element")));
    }

    @Override
    public void add(E element) {
        call(ManagerFrames.ADD, NOTHING, encode(element, "the element"));
    }

    @Override
    public E remove(int index) {
        return decode(call(ManagerFrames.REMOVE, index(index), NOTHING));
    }

    @Override
    public int size() {
        return ManagerProxy.<Integer>decode(call(ManagerFrames.SIZE, NOTHING, NOTHING));
    }

    @Override
    public List<E> snapshot() {
        return decode(call(ManagerFrames.SNAPSHOT, NOTHING, NOTHING));
    }

    @Override
    public E updateAndGet(int index, ProcessFunction<E, E> fn) {
        Objects.requireNonNull(fn, "fn");
        return decode(call(ManagerFrames.UPDATE, index(index), encode(fn, "the function")));
    }
}
