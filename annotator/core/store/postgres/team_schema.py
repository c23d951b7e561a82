"""The server functions of team work, part of schema 2 (schema.py): "next article" for
dynamic assignment, and adding and removing the team's database users. They run as the
project's owner (SECURITY DEFINER, with the search path fixed at creation), because what
they read or do is more than a team member may: see each block's comment.

Never edit a released function here: a change is a new migration in schema.py.
"""

from __future__ import annotations

# "Next article" for an annotator (dynamic workload). It runs as the project's owner
# (SECURITY DEFINER): counting who else works on an article reads others' statuses and
# assignments, which row-level security hides from an annotator. A team member may ask only
# for themselves (a lead for anyone). Each candidate article is locked with ``FOR UPDATE
# SKIP LOCKED`` and its annotators counted again afterwards, in a statement of its own (so
# it sees every commit made before the lock was taken): two annotators asking at the same
# moment never take an article past ``p_k``.
NEXT_ARTICLE = """
-- The permission check and the asker's id, shared by the two functions below.
CREATE FUNCTION next_article_asker(p_annotator TEXT) RETURNS BIGINT LANGUAGE plpgsql STABLE
SET search_path FROM CURRENT AS $$
DECLARE
    caller TEXT;
    caller_role TEXT;
    me BIGINT;
BEGIN
    SELECT annotator, role INTO caller, caller_role FROM team_members
    WHERE login = session_user;
    IF caller IS NOT NULL AND caller <> p_annotator AND caller_role <> 'lead' THEN
        RAISE EXCEPTION 'permission denied: % may ask for work only for themselves', caller
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT id INTO me FROM annotators WHERE name = p_annotator;
    IF me IS NULL THEN
        RAISE EXCEPTION 'no annotator named %', p_annotator USING ERRCODE = 'no_data_found';
    END IF;
    RETURN me;
END
$$;

-- The first articles that look open to the asker: fewer than K others done or holding a
-- lease (a lease judged by its time and their status only; ``next_article`` checks the
-- history too). A read, run before the write: the search through a corpus that is mostly
-- done does not hold up others' writes. Articles K others have done are left out at once
-- (a hashed list read once per query, not a count per article).
CREATE FUNCTION next_article_candidates(p_annotator TEXT, p_k INTEGER, p_idle_after TEXT,
                                        p_limit INTEGER)
RETURNS BIGINT[] LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path FROM CURRENT AS $$
DECLARE
    me BIGINT := next_article_asker(p_annotator);
BEGIN
    RETURN ARRAY(
        SELECT a.id FROM articles a
        WHERE a.id NOT IN (SELECT st.article_id FROM article_status st
                           WHERE st.status = 'done' AND st.annotator_id <> me
                           GROUP BY st.article_id HAVING COUNT(*) >= p_k)
          AND NOT EXISTS (SELECT 1 FROM article_status st WHERE st.article_id = a.id
                          AND st.annotator_id = me AND st.status IN ('done', 'skipped'))
          -- counted only for the few articles that get this far
          AND (SELECT COUNT(*) FROM (
                  SELECT st.annotator_id FROM article_status st
                  WHERE st.article_id = a.id AND st.status = 'done' AND st.annotator_id <> me
                  UNION
                  SELECT s.annotator_id FROM assignments s
                  LEFT JOIN article_status st2 ON st2.article_id = s.article_id
                       AND st2.annotator_id = s.annotator_id
                  WHERE s.article_id = a.id AND s.annotator_id <> me
                    AND COALESCE(st2.status, 'todo') <> 'skipped'
                    AND (s.kind = 'static' OR st2.status = 'done'
                         OR GREATEST(s.assigned_at, st2.updated_at) > p_idle_after)) busy
              ) < p_k
        ORDER BY a.id LIMIT p_limit);
END
$$;

CREATE FUNCTION next_article(p_annotator TEXT, p_k INTEGER, p_idle_after TEXT, p_now TEXT,
                             p_candidates BIGINT[])
RETURNS BIGINT LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path FROM CURRENT AS $$
DECLARE
    me BIGINT := next_article_asker(p_annotator);
    picked BIGINT;
    tried BIGINT[] := '{}';
    taken INTEGER;
    from_candidates BOOLEAN := COALESCE(cardinality(p_candidates), 0) > 0;
BEGIN
    -- Their own unfinished work first: a static assignment, or a lease still alive.
    SELECT s.article_id INTO picked FROM assignments s
    LEFT JOIN article_status st ON st.article_id = s.article_id AND st.annotator_id = me
    WHERE s.annotator_id = me AND COALESCE(st.status, 'todo') NOT IN ('done', 'skipped')
      AND (s.kind = 'static' OR GREATEST(s.assigned_at, st.updated_at,
           (SELECT MAX(h.at) FROM history h WHERE h.article_id = s.article_id
            AND h.actor = p_annotator)) > p_idle_after)
    ORDER BY s.article_id LIMIT 1;
    IF picked IS NOT NULL THEN
        RETURN picked;
    END IF;
    LOOP
        IF from_candidates THEN  -- the read's candidates first, then the whole corpus
            SELECT a.id INTO picked FROM articles a
            WHERE a.id = ANY (p_candidates) AND a.id <> ALL (tried)
              AND NOT EXISTS (SELECT 1 FROM article_status st WHERE st.article_id = a.id
                              AND st.annotator_id = me AND st.status IN ('done', 'skipped'))
            ORDER BY a.id LIMIT 1 FOR UPDATE OF a SKIP LOCKED;
            IF picked IS NULL THEN
                from_candidates := false;
                CONTINUE;
            END IF;
        ELSE
            SELECT a.id INTO picked FROM articles a
            WHERE a.id <> ALL (tried)
              AND a.id NOT IN (SELECT st.article_id FROM article_status st
                               WHERE st.status = 'done' AND st.annotator_id <> me
                               GROUP BY st.article_id HAVING COUNT(*) >= p_k)
              AND NOT EXISTS (SELECT 1 FROM article_status st WHERE st.article_id = a.id
                              AND st.annotator_id = me AND st.status IN ('done', 'skipped'))
            ORDER BY a.id LIMIT 1 FOR UPDATE OF a SKIP LOCKED;
            IF picked IS NULL THEN
                RETURN NULL;
            END IF;
        END IF;
        tried := tried || picked;
        -- Counted again now that the article is locked, in a statement of its own: it sees
        -- every assignment committed before the lock was taken.
        SELECT COUNT(*) INTO taken FROM (
            SELECT st.annotator_id FROM article_status st
            WHERE st.article_id = picked AND st.status = 'done' AND st.annotator_id <> me
            UNION
            SELECT s.annotator_id FROM assignments s
            JOIN annotators n ON n.id = s.annotator_id
            LEFT JOIN article_status st2 ON st2.article_id = s.article_id
                 AND st2.annotator_id = s.annotator_id
            WHERE s.article_id = picked AND s.annotator_id <> me
              AND COALESCE(st2.status, 'todo') <> 'skipped'
              AND (s.kind = 'static' OR st2.status = 'done'
                   OR GREATEST(s.assigned_at, st2.updated_at,
                       (SELECT MAX(h.at) FROM history h WHERE h.article_id = picked
                        AND h.actor = n.name)) > p_idle_after)
        ) busy;
        IF taken < p_k THEN
            INSERT INTO assignments (article_id, annotator_id, kind, assigned_at)
            VALUES (picked, me, 'dynamic', p_now)
            ON CONFLICT (article_id, annotator_id) DO UPDATE SET assigned_at = excluded.assigned_at;
            RETURN picked;
        END IF;
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION next_article(TEXT, INTEGER, TEXT, TEXT, BIGINT[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION next_article_candidates(TEXT, INTEGER, TEXT, INTEGER) FROM PUBLIC;
"""

# Adding and removing the team's database users. They run as the project's owner
# (SECURITY DEFINER), who set the team up and so may make roles: a lead manages the team
# without a right to make roles on the whole server. Only a lead, the owner or a superuser
# may call them; an existing login role outside the team is only made a member (its
# password and attributes are not theirs to change), and never a superuser.
TEAM_USERS = """
CREATE FUNCTION team_caller_may_manage() RETURNS BOOLEAN LANGUAGE sql STABLE
SET search_path FROM CURRENT AS $$
    SELECT session_user = current_user
        OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = session_user AND rolsuper)
        OR EXISTS (SELECT 1 FROM team_members WHERE login = session_user AND role = 'lead')
$$;

CREATE FUNCTION team_add_user(p_login TEXT, p_annotator TEXT, p_role TEXT, p_password TEXT)
RETURNS VOID LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path FROM CURRENT AS $$
DECLARE
    prefix TEXT;
    other TEXT;
    taken TEXT;
    existing RECORD;
BEGIN
    IF NOT team_caller_may_manage() THEN
        RAISE EXCEPTION 'permission denied: only a lead of this project manages its users'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT team_prefix INTO prefix FROM annotator_project;
    IF prefix IS NULL THEN
        RAISE EXCEPTION 'the team is not set up: the project''s owner adds the first user'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    SELECT login INTO taken FROM team_members WHERE annotator = p_annotator AND login <> p_login;
    IF taken IS NOT NULL THEN
        RAISE EXCEPTION 'annotator % already works as database user %', p_annotator, taken
            USING ERRCODE = 'unique_violation';
    END IF;
    SELECT rolcanlogin, rolsuper INTO existing FROM pg_roles WHERE rolname = p_login;
    IF NOT FOUND THEN
        IF p_password IS NULL THEN
            EXECUTE format('CREATE ROLE %I LOGIN', p_login);
        ELSE
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', p_login, p_password);
        END IF;
    ELSIF existing.rolsuper OR NOT existing.rolcanlogin THEN
        RAISE EXCEPTION 'permission denied: % is not a plain login role', p_login
            USING ERRCODE = 'insufficient_privilege';
    ELSIF p_password IS NOT NULL THEN
        IF NOT EXISTS (SELECT 1 FROM team_members WHERE login = p_login) THEN
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = format(
                'permission denied: %s is a database user from outside this team, whose'
                || ' password is not this project''s to set (add it with --no-password)',
                p_login);
        END IF;
        EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_password);
    END IF;
    FOREACH other IN ARRAY ARRAY['annotator', 'reviewer', 'lead'] LOOP
        IF other <> p_role THEN
            EXECUTE format('REVOKE %I FROM %I', 'annotator_' || prefix || '_' || other, p_login);
        END IF;
    END LOOP;
    EXECUTE format('GRANT %I TO %I', 'annotator_' || prefix || '_' || p_role, p_login);
    INSERT INTO team_members (login, annotator, role, created_at)
    VALUES (p_login, p_annotator, p_role,
            to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"+00:00"'))
    ON CONFLICT (login) DO UPDATE SET annotator = excluded.annotator, role = excluded.role;
END
$$;

-- Returns the member's login and role, and whether the login role was dropped (it stays
-- when it belongs to another group, e.g. another project's team, or owns something).
CREATE FUNCTION team_remove_user(p_annotator TEXT, OUT login TEXT, OUT role TEXT,
                                 OUT dropped BOOLEAN)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path FROM CURRENT AS $$
DECLARE
    prefix TEXT;
    other TEXT;
BEGIN
    IF NOT team_caller_may_manage() THEN
        RAISE EXCEPTION 'permission denied: only a lead of this project manages its users'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT m.login, m.role INTO login, role FROM team_members m WHERE m.annotator = p_annotator;
    IF login IS NULL THEN
        RAISE EXCEPTION '% is not a member of this project''s team', p_annotator
            USING ERRCODE = 'no_data_found';
    END IF;
    SELECT team_prefix INTO prefix FROM annotator_project;
    FOREACH other IN ARRAY ARRAY['annotator', 'reviewer', 'lead'] LOOP
        EXECUTE format('REVOKE %I FROM %I', 'annotator_' || prefix || '_' || other, login);
    END LOOP;
    DELETE FROM team_members m WHERE m.login = team_remove_user.login;
    dropped := false;
    IF NOT EXISTS (SELECT 1 FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.member
                   WHERE r.rolname = team_remove_user.login) THEN
        BEGIN
            EXECUTE format('DROP ROLE IF EXISTS %I', login);
            dropped := true;
        EXCEPTION WHEN dependent_objects_still_exist OR insufficient_privilege THEN
            dropped := false;
        END;
    END IF;
END
$$;
REVOKE ALL ON FUNCTION team_add_user(TEXT, TEXT, TEXT, TEXT) FROM PUBLIC;
REVOKE ALL ON FUNCTION team_remove_user(TEXT) FROM PUBLIC;
"""
