"""Column and parameter types of ``casebook.db``."""

from __future__ import annotations

import pytest
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from casebook.db import IdArray


def test_an_id_array_reaches_postgresql_as_integers(session: Session) -> None:
    if session.get_bind().dialect.name != "postgresql":
        pytest.skip("an array parameter is PostgreSQL's")
    ids = [7, 1, 2**31 - 1, 7]
    element = func.unnest(bindparam("ids", ids, IdArray())).table_valued("id").render_derived()
    assert list(session.scalars(select(element.c.id))) == ids
    typed = select(func.pg_typeof(bindparam("ids", ids, IdArray()))).scalar_subquery()
    assert session.scalar(select(typed)) == "integer[]"
    assert session.scalar(select(func.cardinality(bindparam("ids", [], IdArray())))) == 0
    with pytest.raises(ValueError, match="invalid literal for int"):  # only integers are sent
        session.execute(select(func.cardinality(bindparam("ids", ["1}, {2"], IdArray()))))
