package dev.tenacious.observe;

import dev.tenacious.runtime.decision.Decision;
import dev.tenacious.runtime.decision.PolicyState;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanConstructorInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * One policy's figures over JMX, {@code tenacious:type=Policy,name=<policy>}: the {@link Figure}s and
 * one attribute per {@link Decision}, under the decision's JMX name. Read-only; every read is live.
 */
final class PolicyMBean implements DynamicMBean {
    private static final MBeanInfo INFO = info();
    private final PolicyState state;

    PolicyMBean(PolicyState state) {
        this.state = state;
    }

    private static MBeanInfo info() {
        List<MBeanAttributeInfo> attributes = new ArrayList<MBeanAttributeInfo>();
        for (Figure f : Figure.values()) {
            attributes.add(new MBeanAttributeInfo(f.jmxName, f.type.getName(), f.description, true, false, false));
        }
        for (Decision d : Decision.values()) {
            attributes.add(new MBeanAttributeInfo(d.jmxName, long.class.getName(), "Count of decision " + d.name(),
                    true, false, false));
        }
        return new MBeanInfo(PolicyMBean.class.getName(), "A Tenacious policy's figures",
                attributes.toArray(new MBeanAttributeInfo[0]), new MBeanConstructorInfo[0], new MBeanOperationInfo[0],
                new MBeanNotificationInfo[0]);
    }

    @Override
    public Object getAttribute(String name) throws AttributeNotFoundException {
        for (Figure f : Figure.values()) {
            if (f.jmxName.equals(name)) {
                return f.read(state);
            }
        }
        for (Decision d : Decision.values()) {
            if (d.jmxName.equals(name)) {
                return state.count(d);
            }
        }
        throw new AttributeNotFoundException(name);
    }

    @Override
    public AttributeList getAttributes(String[] names) {
        AttributeList list = new AttributeList();
        for (String n : names) {
            try {
                list.add(new Attribute(n, getAttribute(n)));
            } catch (AttributeNotFoundException ignored) {
                // DynamicMBean: unknown names are left out of the list
            }
        }
        return list;
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException(attribute.getName() + " is read-only");
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String action, Object[] params, String[] signature) {
        throw new UnsupportedOperationException("no operations: " + action);
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return INFO;
    }
}
