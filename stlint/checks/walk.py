"""One walk of the file's syntax tree per lint, shared by the rules that look at every node.

Walking the positioned tree costs about as much as one such rule's own work (the corpus: ~15 ms
CPU per walk); `duplicate-key`, `mangled-nested-key`, `single-quoted-string` and the placeholder
rules each walked it. ``syntax_walk(ctx)`` walks it once (memoised on ``ctx.memo``) into flat
lists the rules loop over:

* ``objects``: (SObject, depth) for every object, the root included; depth counts the fields and
  list items above it (the root 0, `a { }` 1, `a = [{ }]` 2), not concatenations;
* ``leaves``: (node, parent) for every value that is not an object, a list or a concatenation
  (SScalar, SSubst), with the object, list or concatenation that holds it (None for a root);
* ``concats``: (SConcat, parent) for every concatenation.

The lists are in no particular order: a rule that needs one sorts.
"""

from __future__ import annotations

from stlint.parser import SArray, SConcat, SField, SObject, SScalar, SSubst


class SyntaxWalk:
    __slots__ = ("objects", "leaves", "concats")

    def __init__(self, objects: list, leaves: list, concats: list) -> None:
        self.objects = objects
        self.leaves = leaves
        self.concats = concats


def syntax_walk(ctx) -> SyntaxWalk:
    """The walk of ``ctx.doc.syntax``, once per lint (``ctx.memo``)."""
    memo = ctx.memo.get("syntax.walk")
    if memo is not None and memo[0] is ctx.doc:
        return memo[1]
    w = walk(ctx.doc.syntax)
    ctx.memo["syntax.walk"] = (ctx.doc, w)
    return w


_LEAVES = (SScalar, SSubst)  # exact types taken without a stack round trip (any other goes the general way)


def walk(root) -> SyntaxWalk:
    objects: list = []
    leaves: list = []
    concats: list = []
    if root is None:
        return SyntaxWalk(objects, leaves, concats)
    stack: list = [(root, None, 0)]
    pop = stack.pop
    push = stack.append
    add_object = objects.append
    add_leaf = leaves.append
    while stack:
        n, parent, depth = pop()
        if isinstance(n, SObject):
            add_object((n, depth))
            d = depth + 1
            for m in n.members:
                if isinstance(m, SField):
                    v = m.value
                    if type(v) in _LEAVES:
                        add_leaf((v, n))
                    else:
                        push((v, n, d))
        elif isinstance(n, SArray):
            d = depth + 1
            for i in n.items:
                if type(i) in _LEAVES:
                    add_leaf((i, n))
                else:
                    push((i, n, d))
        elif isinstance(n, SConcat):
            concats.append((n, parent))
            for p in n.parts:
                if type(p) in _LEAVES:
                    add_leaf((p, n))
                else:
                    push((p, n, depth))
        else:
            add_leaf((n, parent))
    return SyntaxWalk(objects, leaves, concats)
