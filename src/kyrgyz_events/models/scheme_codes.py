"""The code lists of the three event-data schemes this project maps onto: ACLED, PLOVER and UCDP GED.

Each definition quotes or closely paraphrases the scheme's own document. What was read, and where:

PLOVER
    *PLOVER: Political Language Ontology for Verifiable Event Records. Event, Actor and Data Interchange
    Specification*, Open Event Data Alliance, DRAFT Version 0.8 (2021). GitHub ``openeventdata/PLOVER``, file
    ``PLOVER_MANUAL.tex`` at commit 6b85b9a7506bb372bf6828d68bf922f1e92e750a (title page: "DRAFT Version: 0.8").
    Chapter "Event Categories" (16 categories and their mode tables), sections "Context codes that can be used
    with any category" (Table "General contexts") and "Special contexts".

ACLED
    * dtacled/acledR (GitHub), ``vignettes/event_types.Rmd`` (commit 2894f78b8b8b5d6e4864ac884733fb8e87627f77):
      the 6 event types, the 25 sub-event types, their grouping, and ACLED's definitions of each violent and
      demonstration type and sub-type.
    * dtacled/acledR, ``vignettes/actors_interactions.Rmd`` (commit 1bd9c2a448209f1de01a2a247e03b63768c1ed6f):
      the 'inter' codes 1-8 with their definitions, and "For one-sided events, the empty second actor category is
      coded as '0'". The vignette points to the ACLED Codebook (v1, January 2021).
    * ACLED Codebook 2023 (scribd.com/document/716986434/ACLED-Codebook-2023) and ACLED Codebook 2024
      (7 Oct. 2024): only their tables of contents could be read with the search tool; they confirm the names and
      grouping of the 25 sub-event types and the 8 'inter' codes, not the wording below.
    * Time and spatial precision codes: the paraphrase of the ACLED codebook in mapme-initiative/mapme.biodiversity,
      ``R/calc_fatalities_acled.R`` (commit 0fc02808c893c98b9ce2bb16fe06529da41e2e71), which cites
      https://acleddata.com/knowledge-base/codebook/ . The codebook's own text was not found.
    * The definitions of the eight 'Strategic developments' sub-event types could NOT be read in any ACLED text
      found (the vignette lists their names only); they are short paraphrases of the ACLED Codebook 2023 from
      memory and are marked "(unverified)" in their docstring comment below.

UCDP GED
    * The UCDP GED Codebook itself (version 23.1 or other) could NOT be found with the search tool.
    * ``type_of_violence`` codes (1 state-based, 2 non-state, 3 one-sided) and ``event_clarity``: mcgirjau/ucdp,
      ``R/GED.R`` (commit 3aaf961797e1651581f1a1204c69b40f62b4334b), documentation of GED Global 20.1.
    * ``where_prec`` 1-7 and ``date_prec`` 1-5: the paraphrase of the GED codebook in
      mapme-initiative/mapme.biodiversity, ``R/calc_fatalities_ucdp.R`` (commit
      0fc02808c893c98b9ce2bb16fe06529da41e2e71).
    * Definitions of the three types of violence: UCDP definitions page, http://www.pcr.uu.se/research/ucdp/definitions/
      (state-based "armed conflict"), and http://hsrgroup.org/our-work/security-stats/Definitions.aspx (one-sided
      violence, "derived from the Uppsala Conflict Data Program"). The non-state definition is UCDP's standard
      wording, not read in a codebook here.
"""

from __future__ import annotations

from kyrgyz_events.models.vocab import DocEnum

# --------------------------------------------------------------------------------------------------------------
# ACLED
# --------------------------------------------------------------------------------------------------------------


class AcledEventType(DocEnum):
    """ACLED's event type (the 6 of the ACLED codebook; acledR vignette event_types.Rmd)."""

    BATTLES = (
        "Battles",
        'ACLED: "a violent interaction between two politically organized armed groups at a particular time and '
        'location"; state, non-state and external groups in any combination, with no fatality minimum.',
    )
    EXPLOSIONS = (
        "Explosions/Remote violence",
        'ACLED: "one-sided violent events in which the tool for engaging in conflict creates asymmetry by taking '
        'away the ability of the target to respond" (bombs, IEDs, shelling, missiles, air or drone strikes).',
    )
    VIOLENCE_AGAINST_CIVILIANS = (
        "Violence against civilians",
        "Violent events where an organised armed group deliberately inflicts violence upon unarmed non-combatants; "
        "by definition, civilians are unarmed and cannot engage in political violence.",
    )
    PROTESTS = (
        "Protests",
        "A public demonstration in which the participants do not engage in violence, though violence may be used "
        "against them; individuals and groups peacefully demonstrate against a political entity, policy or group.",
    )
    RIOTS = (
        "Riots",
        "Violent events where demonstrators or mobs engage in disruptive acts (rock throwing, property destruction, "
        "etc.); rioters do not use sophisticated weapons such as guns, knives or swords.",
    )
    STRATEGIC_DEVELOPMENTS = (
        "Strategic developments",
        "Non-violent actions: contextually important, politically significant developments that are not political "
        "violence or demonstrations (agreements, arrests, changes to groups, looting, transfers of territory).",
    )


class AcledSubEventType(DocEnum):
    """ACLED's sub-event type (the 25 of the ACLED codebook; acledR vignette event_types.Rmd)."""

    # Battles
    ARMED_CLASH = (
        "Armed clash",
        "Battles: armed, organized groups engage in a battle, and no reports indicate a change in territorial control.",
    )
    GOVERNMENT_REGAINS_TERRITORY = (
        "Government regains territory",
        "Battles: government forces or their affiliates, fighting competing state forces or a non-state group, "
        "regain control of a location.",
    )
    NON_STATE_OVERTAKES_TERRITORY = (
        "Non-state actor overtakes territory",
        "Battles: a non-state actor wins control of territory, or subdues government forces, and holds a monopoly "
        "of force there; exchanges lasting no more than a day are 'Armed clash'.",
    )
    # Explosions/Remote violence
    CHEMICAL_WEAPON = (
        "Chemical weapon",
        "Explosions/Remote violence: chemical weapons (substances in Schedule 1 of the Chemical Weapons Convention) "
        "are used in the absence of other engagement; tear gas and crowd-control agents are not included.",
    )
    AIR_DRONE_STRIKE = (
        "Air/drone strike",
        "Explosions/Remote violence: air or drone strikes, including any air-to-ground attack, in the absence of "
        "any other engagement.",
    )
    SUICIDE_BOMB = (
        "Suicide bomb",
        "Explosions/Remote violence: a suicide bombing, including a suicide vehicle-borne IED, in the absence of "
        "any other engagement.",
    )
    SHELLING = (
        "Shelling/artillery/missile attack",
        "Explosions/Remote violence: a long-range artillery or missile system (shelling, mortars, guided missiles, "
        "RPGs) is used in the absence of any other engagement.",
    )
    REMOTE_EXPLOSIVE = (
        "Remote explosive/landmine/IED",
        "Explosions/Remote violence: remotely- or victim-activated devices (landmines, IEDs, unexploded ordnance) "
        "are detonated in the absence of any other engagement.",
    )
    GRENADE = (
        "Grenade",
        "Explosions/Remote violence: a grenade or other explosive is thrown; crude bombs such as Molotov cocktails "
        "and stun grenades are not included.",
    )
    # Violence against civilians
    SEXUAL_VIOLENCE = (
        "Sexual violence",
        "Violence against civilians: any individual, regardless of gender, is targeted with any action that "
        "inflicts harm of a sexual nature.",
    )
    ATTACK = (
        "Attack",
        "Violence against civilians: civilians are targeted with any violence by an organised armed actor; attacks "
        "of a sexual nature are 'Sexual violence'.",
    )
    ABDUCTION = (
        "Abduction/forced disappearance",
        "Violence against civilians: an actor abducts or forcibly disappears civilians without reports of further "
        "violence; state-sanctioned arrests are excluded unless conducted extra-judicially.",
    )
    # Protests
    PEACEFUL_PROTEST = (
        "Peaceful protest",
        "Protests: demonstrators protest without engaging in violence or rioting and are not faced with any sort "
        "of force or engagement.",
    )
    PROTEST_WITH_INTERVENTION = (
        "Protest with intervention",
        "Protests: a peaceful protest that others attempt to disperse or suppress without serious or lethal "
        "injuries being reported or protesters being targeted with lethal weapons.",
    )
    EXCESSIVE_FORCE = (
        "Excessive force against protesters",
        "Protests: peaceful protesters are targeted with violence by an actor leading to (or that could lead to) "
        "serious or lethal injuries.",
    )
    # Riots
    VIOLENT_DEMONSTRATION = (
        "Violent demonstration",
        "Riots: a group of individuals engages in a demonstration involving violence, such as vandalism or "
        "road-blocking with barricades or burning tires.",
    )
    MOB_VIOLENCE = (
        "Mob violence",
        "Riots: rioters violently interact with other rioters, another armed group or civilians, outside of "
        "demonstrations and without lethal weapons such as guns, knives or swords.",
    )
    # Strategic developments. (unverified) The definitions below could not be read in an ACLED text found with
    # the search tool; they paraphrase the ACLED Codebook 2023 from memory. The values are verified.
    AGREEMENT = (
        "Agreement",
        "Strategic developments: any sort of agreement between different actors, such as peace agreements or "
        "talks, ceasefires, evacuation deals and prisoner exchanges.",
    )
    ARRESTS = (
        "Arrests",
        "Strategic developments: state forces or other actors with de facto control over a territory detain a "
        "particularly significant individual or carry out politically significant mass arrests.",
    )
    CHANGE_TO_GROUP = (
        "Change to group/activity",
        "Strategic developments: a significant change in the activity or structure of a group, such as its "
        "creation, renaming, merger, split or the cessation of its activity.",
    )
    DISRUPTED_WEAPONS_USE = (
        "Disrupted weapons use",
        "Strategic developments: an act of explosive or remote violence is prevented (explosives defused, strikes "
        "intercepted), or weapons caches are seized.",
    )
    HEADQUARTERS_ESTABLISHED = (
        "Headquarters or base established",
        "Strategic developments: an organised armed group establishes a permanent or semi-permanent base or "
        "headquarters, without fighting for it.",
    )
    LOOTING = (
        "Looting/property destruction",
        "Strategic developments: actors loot, seize or destroy goods or property outside the context of other "
        "forms of violence such as riots or armed clashes.",
    )
    NON_VIOLENT_TRANSFER = (
        "Non-violent transfer of territory",
        "Strategic developments: rebels, governments or their affiliates acquire control of a location without a "
        "violent interaction with another group.",
    )
    OTHER = (
        "Other",
        "Strategic developments: any significant development that does not fall into any of the other 'Strategic "
        "developments' sub-event types.",
    )


_A = AcledSubEventType

ACLED_SUB_EVENT_TYPES: dict[AcledEventType, tuple[AcledSubEventType, ...]] = {
    AcledEventType.BATTLES: (_A.ARMED_CLASH, _A.GOVERNMENT_REGAINS_TERRITORY, _A.NON_STATE_OVERTAKES_TERRITORY),
    AcledEventType.EXPLOSIONS: (
        _A.CHEMICAL_WEAPON,
        _A.AIR_DRONE_STRIKE,
        _A.SUICIDE_BOMB,
        _A.SHELLING,
        _A.REMOTE_EXPLOSIVE,
        _A.GRENADE,
    ),
    AcledEventType.VIOLENCE_AGAINST_CIVILIANS: (_A.SEXUAL_VIOLENCE, _A.ATTACK, _A.ABDUCTION),
    AcledEventType.PROTESTS: (_A.PEACEFUL_PROTEST, _A.PROTEST_WITH_INTERVENTION, _A.EXCESSIVE_FORCE),
    AcledEventType.RIOTS: (_A.VIOLENT_DEMONSTRATION, _A.MOB_VIOLENCE),
    AcledEventType.STRATEGIC_DEVELOPMENTS: (
        _A.AGREEMENT,
        _A.ARRESTS,
        _A.CHANGE_TO_GROUP,
        _A.DISRUPTED_WEAPONS_USE,
        _A.HEADQUARTERS_ESTABLISHED,
        _A.LOOTING,
        _A.NON_VIOLENT_TRANSFER,
        _A.OTHER,
    ),
}
"""Which sub-event types belong to each ACLED event type (the pairs of acledR vignette event_types.Rmd)."""

del _A

ACLED_INTER: dict[int, str] = {
    0: "No actor: the empty actor category of a one-sided event (ACLED codes the missing second actor as 0).",
    1: "State Forces: collective actors recognised to perform government functions, including military and "
    "police, over a given territory.",
    2: "Rebel Groups: political organizations whose goal is to counter an established national governing regime "
    "by violent acts.",
    3: "Political Militias: violent actors often created for a specific purpose or time period and for the "
    "furtherance of a political purpose by violence.",
    4: "Identity Militias: armed and violent groups organized around a collective, common feature such as "
    "community, ethnicity, region, religion or, exceptionally, livelihood.",
    5: "Rioters: individuals or 'mobs' who engage in violence during demonstrations or in spontaneous acts of "
    "disorganised violence.",
    6: "Protesters: peaceful, unarmed demonstrators, though they may be targets of violence by other groups.",
    7: "Civilians: in whatever number or association, victims of violent acts, being by definition unarmed and "
    "hence vulnerable.",
    8: "External/Other Forces: international organisations, state forces active outside their main country of "
    "operation, private security firms and their employees, and independent mercenaries.",
}
"""ACLED 'inter' codes (inter1, inter2): the type of actor1 and actor2 (acledR vignette actors_interactions.Rmd)."""

ACLED_TIME_PRECISION: dict[int, str] = {
    1: "The source material includes an actual date of the event.",
    2: "The source material indicates that the event happened sometime during a week or within a similar period "
    "of time.",
    3: "The source material only indicates that the event took place sometime during a month, without reference "
    "to a particular date; the month mid-point is chosen.",
}
"""ACLED time_precision; the higher the number, the lower the precision (paraphrase in mapme.biodiversity)."""

ACLED_GEO_PRECISION: dict[int, str] = {
    1: "The source reporting indicates a particular town, and coordinates are available for that town.",
    2: "The source indicates activity in a small part of a region, or near a town or city; the event is coded to "
    "a town with coordinates representing that area.",
    3: "A larger region is mentioned; the closest natural location noted (border area, forest, sea) or a "
    "provincial capital is used.",
}
"""ACLED geo_precision; the higher the number, the lower the precision (paraphrase in mapme.biodiversity)."""

# --------------------------------------------------------------------------------------------------------------
# PLOVER (manual draft 0.8)
# --------------------------------------------------------------------------------------------------------------


class PloverEventType(DocEnum):
    """PLOVER's event category (the 16 of the PLOVER manual, draft 0.8, chapter "Event Categories")."""

    AGREE = (
        "AGREE",
        "Agree to, offer, promise, or otherwise indicate willingness or commitment to cooperate, including promises "
        "to sign or ratify agreements.",
    )
    CONSULT = (
        "CONSULT",
        "All consultations and meetings: visiting and hosting visits, meeting at a neutral location, and "
        "consultation by phone or other media.",
    )
    SUPPORT = (
        "SUPPORT",
        "Initiate, resume, improve or expand diplomatic, non-material cooperation; express support for, commend or "
        "approve a policy, action or actor, or ratify, sign or finalize an agreement or treaty.",
    )
    CONCEDE = (
        "CONCEDE",
        "Verbal concessions with no immediate material consequences, including promises of future concessions, "
        "easing restrictions, removing curfews, and declarations (not implementations) of ceasefires.",
    )
    COOPERATE = (
        "COOPERATE",
        "Initiate, resume, improve, or expand mutual material cooperation or exchange (economic, military, "
        "judicial, intelligence), generally understood to benefit both parties.",
    )
    AID = (
        "AID",
        "All provisions of material aid whose material benefits primarily accrue to the recipient (monetary, "
        "military and police, humanitarian aid, asylum).",
    )
    RETREAT = (
        "RETREAT",
        "Events with immediate (not simply promised) material consequences: releasing prisoners, returning "
        "property, disarming, observing a ceasefire, military retreat; also resignations of government officials.",
    )
    DEMAND = (
        "DEMAND",
        "All demands and orders: stronger or more forceful than a request, though not as much as threats. All "
        "demands are verbal acts.",
    )
    ACCUSE = (
        "ACCUSE",
        "Express disapprovals, objections and complaints; accuse, allege or charge, judicially and informally; sue "
        "or bring to court; all investigations.",
    )
    REJECT = "REJECT", "All rejections and refusals."
    THREATEN = (
        "THREATEN",
        "All threats, coercive or forceful warnings with serious potential repercussions; generally verbal acts.",
    )
    PROTEST = (
        "PROTEST",
        "All civilian demonstrations and other collective actions carried out as protests against the recipient: "
        "dissent collectively, publicly show negative feelings or opinions; rally, gather to protest.",
    )
    SANCTION = (
        "SANCTION",
        "All reductions in existing, routine, or cooperative relations; not confined to formal sanctions.",
    )
    MOBILIZE = "MOBILIZE", "All military or police moves that fall short of the actual use of force."
    COERCE = "COERCE", "Repression or restrictions on rights."
    ASSAULT = "ASSAULT", "Deliberate actions which can potentially result in substantial physical harm."


class PloverMode(DocEnum):
    """PLOVER's mode: how an event was done (the mode tables of the PLOVER manual, draft 0.8).

    A mode the manual lists under two categories is one member; its definition gives each category's wording.
    """

    # CONSULT
    VISIT = "visit", "CONSULT: Source actor is visiting, recipient is hosting."
    THIRD_PARTY = "third-party", "CONSULT: Meeting is hosted by a third party."
    MULTILATERAL = "multilateral", "CONSULT: Meeting occurs in a multilateral context, typically an alliance or IGO."
    PHONE = "phone", "CONSULT: Consultation occurs via phone or some other remote medium."
    # RETREAT
    WITHDRAW = (
        "withdraw",
        "RETREAT: retreat from territory or withdraw forces from an area; SANCTION: withdraw oneself or one's "
        "non-military resources (aid, observers, diplomats, peacekeepers) from a group, organization or country.",
    )
    RELEASE = "release", "RETREAT: release captives."
    RETURN = "return", "RETREAT: return property."
    DISARM = "disarm", "RETREAT: disarm militarily or give up weapons."
    CEASEFIRE = "ceasefire", "RETREAT: implement ceasefire."
    ACCESS = "access", "RETREAT: allow third party (e.g., observers, peacekeepers, humanitarian workers) access."
    RESIGN = "resign", "RETREAT: official resignation."
    # DEMAND and REJECT (the manual: "These modes are shared")
    ASSIST = "assist", "DEMAND, REJECT: any form of exchange, relations, or assistance."
    CHANGE = "change", "DEMAND, REJECT: any changes in policy, government, or institutions that are not concessions."
    YIELD = "yield", "DEMAND, REJECT: release of prisoners, ending sanctions, easing curfews and boycotts, ceasefires."
    MEET = "meet", "DEMAND, REJECT: meetings and negotiations."
    # ACCUSE
    DISAPPROVE = "disapprove", "ACCUSE: express disapproval; condemn; complain."
    INVESTIGATE = (
        "investigate",
        "ACCUSE: any investigation, including commissions, grand juries, judicial or political.",
    )
    ALLEGE = "allege", "ACCUSE: formally or informally accuse; sue, indict, or charge; bring to trial."
    # THREATEN (the mode is the content of the threat)
    RESTRICT = (
        "restrict",
        "THREATEN: restrict movement of people or goods, including boycotts, strikes, blockades, and curfews; "
        "COERCE: impose restrictions on political freedoms or movement.",
    )
    BAN = (
        "ban",
        "THREATEN: threaten to ban political activities of particular parties or individuals; COERCE: ban "
        "individuals or organizations.",
    )
    ARREST = "arrest", "THREATEN: arrest, detain, imprison; COERCE: arrest, detain, or charge with legal action."
    RELATIONS = "relations", "THREATEN: threaten to suspend relations, talks."
    EXPEL = (
        "expel",
        "THREATEN: expel diplomats, peacekeepers, NGOs; SANCTION: expel an actor from a group, organization or "
        "country, excluding individual deportations.",
    )
    TERRITORY = "territory", "THREATEN: threaten to occupy, seize control of the whole or part of a territory."
    VIOLENCE = "violence", "THREATEN: threaten violence."
    # PROTEST
    DEMO = (
        "demo",
        "PROTEST: Organized demonstration. Distinct, continuous, and largely peaceful action directed toward "
        "members of a distinct 'other' group or government authorities.",
    )
    RIOT = (
        "riot",
        "PROTEST: Violent riot. Distinct, continuous and violent action directed toward members of a distinct "
        "'other' group or government authorities, intending physical injury and/or property damage.",
    )
    GENERAL = (
        "general",
        "PROTEST: General strike. Members of an organization or union engage in a total abandonment of workplaces "
        "and public facilities.",
    )
    STRIKE = (
        "strike",
        "PROTEST: Limited Strike. Members of an organization or union engage in the abandonment of workplaces in "
        "limited sectors or industries.",
    )
    HUNGER = "hunger", "PROTEST: Hunger strike."
    BOYCOTT = "boycott", "PROTEST: Boycott."
    OBSTRUCT = "obstruct", "PROTEST: Obstruct passage."
    # SANCTION
    CONVICT = "convict", "SANCTION: find guilty or liable in a court of law."
    DISCONTINUE = (
        "discontinue",
        "SANCTION: curtail, decrease, break, or terminate diplomatic, commercial, or material exchanges in manners "
        "not specified above.",
    )
    # MOBILIZE
    TROOPS = "troops", "MOBILIZE: Mobilize armed personnel or units."
    WEAPONS = "weapons", "MOBILIZE: Increase readiness of weapons systems (can occur with a cyber context)."
    POLICE = "police", "MOBILIZE: Mobilize or increase readiness of police or security units."
    MILITIA = (
        "militia",
        "MOBILIZE: Mobilize or increase readiness of any non-state entity with significant military capability.",
    )
    # COERCE
    CONFISCATE = "confiscate", "COERCE: confiscate property."
    CENSOR = "censor", "COERCE: censor, ban or restrict access to publications or other information."
    CURFEW = "curfew", "COERCE: impose curfew."
    MARTIAL_LAW = "martial-law", "COERCE: impose state of emergency or martial law."
    DEPORT = "deport", "COERCE: expel or deport individuals."
    WITHHOLD = (
        "withhold",
        "COERCE: withhold public goods/services, e.g. shut off power/internet/water/utilities, or withhold "
        "food/medical supplies.",
    )
    # ASSAULT
    ABDUCT = "abduct", "ASSAULT: abduct, kidnap, hijack."
    BEAT = "beat", "ASSAULT: physically assault."
    TORTURE = "torture", "ASSAULT: torture."
    EXECUTE = "execute", "ASSAULT: judicially-sanctioned execution."
    SEXUAL = "sexual", "ASSAULT: sexual violence."
    ASSASSINATE = "assassinate", "ASSAULT: targeted assassinations with any weapon."
    DESTROY = "destroy", "ASSAULT: destroy property."
    PRIMITIVE = "primitive", "ASSAULT: primitive weapons: fire, edged weapons, rocks, farm implements."
    FIREARMS = "firearms", "ASSAULT: rifles, pistols, light machine guns."
    EXPLOSIVES = (
        "explosives",
        "ASSAULT: any explosive not incorporated in a heavy weapon: mines, IEDs, car bombs.",
    )
    SUICIDE_ATTACK = "suicide-attack", "ASSAULT: individual and vehicular suicide attacks."
    HEAVY_WEAPONS = "heavy-weapons", "ASSAULT: crew-served weapons."
    CLEANSING = "cleansing", "ASSAULT: mass expulsions or deportations, ethnic cleansing."
    MASSACRE = "massacre", "ASSAULT: instances of mass killing or massacres."
    UNCONVENTIONAL = "unconventional", "ASSAULT: chemical, biological, radiation, and nuclear weapons."
    SIDE_AB = "sideAB", "ASSAULT: two-sided violence: source and recipient are 'Side A' and 'Side B'."


_P = PloverEventType
_M = PloverMode

PLOVER_MODES: dict[PloverEventType, tuple[PloverMode, ...]] = {
    _P.AGREE: (),
    _P.CONSULT: (_M.VISIT, _M.THIRD_PARTY, _M.MULTILATERAL, _M.PHONE),
    _P.SUPPORT: (),
    _P.CONCEDE: (),
    _P.COOPERATE: (),
    _P.AID: (),
    _P.RETREAT: (_M.WITHDRAW, _M.RELEASE, _M.RETURN, _M.DISARM, _M.CEASEFIRE, _M.ACCESS, _M.RESIGN),
    _P.DEMAND: (_M.ASSIST, _M.CHANGE, _M.YIELD, _M.MEET),
    _P.ACCUSE: (_M.DISAPPROVE, _M.INVESTIGATE, _M.ALLEGE),
    _P.REJECT: (_M.ASSIST, _M.CHANGE, _M.YIELD, _M.MEET),
    _P.THREATEN: (_M.RESTRICT, _M.BAN, _M.ARREST, _M.RELATIONS, _M.EXPEL, _M.TERRITORY, _M.VIOLENCE),
    _P.PROTEST: (_M.DEMO, _M.RIOT, _M.GENERAL, _M.STRIKE, _M.HUNGER, _M.BOYCOTT, _M.OBSTRUCT),
    _P.SANCTION: (_M.CONVICT, _M.EXPEL, _M.WITHDRAW, _M.DISCONTINUE),
    _P.MOBILIZE: (_M.TROOPS, _M.WEAPONS, _M.POLICE, _M.MILITIA),
    _P.COERCE: (
        _M.CONFISCATE,
        _M.RESTRICT,
        _M.BAN,
        _M.CENSOR,
        _M.CURFEW,
        _M.MARTIAL_LAW,
        _M.ARREST,
        _M.DEPORT,
        _M.WITHHOLD,
    ),
    _P.ASSAULT: (
        _M.ABDUCT,
        _M.BEAT,
        _M.TORTURE,
        _M.EXECUTE,
        _M.SEXUAL,
        _M.ASSASSINATE,
        _M.DESTROY,
        _M.PRIMITIVE,
        _M.FIREARMS,
        _M.EXPLOSIVES,
        _M.SUICIDE_ATTACK,
        _M.HEAVY_WEAPONS,
        _M.CLEANSING,
        _M.MASSACRE,
        _M.UNCONVENTIONAL,
        _M.SIDE_AB,
    ),
}
"""The modes of each PLOVER category, in the manual's table order; empty where the manual gives none."""

PLOVER_QUAD_CATEGORY: dict[PloverEventType, str] = {
    _P.AGREE: "VERBAL COOPERATION",
    _P.CONSULT: "VERBAL COOPERATION",
    _P.SUPPORT: "VERBAL COOPERATION",
    _P.CONCEDE: "VERBAL COOPERATION",
    _P.COOPERATE: "MATERIAL COOPERATION",
    _P.AID: "MATERIAL COOPERATION",
    _P.RETREAT: "MATERIAL COOPERATION",
    _P.DEMAND: "VERBAL CONFLICT",
    _P.ACCUSE: "VERBAL CONFLICT",
    _P.REJECT: "VERBAL CONFLICT",
    _P.THREATEN: "VERBAL CONFLICT",
    _P.PROTEST: "MATERIAL CONFLICT",
    _P.SANCTION: "MATERIAL CONFLICT",
    _P.MOBILIZE: "MATERIAL CONFLICT",
    _P.COERCE: "MATERIAL CONFLICT",
    _P.ASSAULT: "MATERIAL CONFLICT",
}
"""The "Quad category" the manual gives in each category's section."""

del _P, _M


class PloverContext(DocEnum):
    """PLOVER's context: why, or in what setting (manual draft 0.8: "General contexts" table and special contexts).

    The manual's separate "PROTEST contexts" table (section "Adding to PLOVER: protest example") is an example of
    a custom extension, not part of the base list, and is not included.
    """

    MILITARY = "military", "General context: military, including military assistance."
    INTELLIGENCE = "intelligence", "General context: intelligence or information."
    PEACEKEEPING = "peacekeeping", "General context: peacekeeping, typically multilateral operations."
    ECONOMIC = "economic", "General context: trade, finance and economic development."
    DIPLOMATIC = "diplomatic", "General context: diplomacy."
    RESOURCE = "resource", "General context: territory and natural resources."
    DISEASE = "disease", "General context: disease outbreaks and epidemics."
    ENVIRO_DISASTER = (
        "enviro_disaster",
        'General context: environment, climate change; disasters including both "natural" and accidents/spills.',
    )
    MIGRATION = "migration", "General context: migration, refugees, and displaced people."
    HUMANITARIAN = "humanitarian", "General context: humanitarian assistance generally."
    ASYLUM = "asylum", "General context: discussions of seeking or granting asylum."
    LEGAL = (
        "legal",
        "General context: courts and judiciary; national and international law, not including human rights.",
    )
    HUMAN_RIGHTS = "human_rights", "General context: explicit mentions of the term human rights."
    RIGHTS_FREEDOMS = (
        "rights_freedoms",
        "General context: discussions of political rights and freedoms, restrictions on civil rights, movement, "
        "gathering etc.",
    )
    GENDER = "gender", "General context: mentions of gender, women's issues, gender equality, etc."
    LGBT = "lgbt", "General context: LGBTQ."
    TERRORISM = "terrorism", "General context: terrorism."
    HUMAN_SECURITY = "human_security", "General context: access to water, food, housing, energy, land tenure, etc."
    RELIGION_ETHNICITY = (
        "religion_ethnicity",
        "General context: mentions of specific religions or ethnic groups, or religion and ethnicity more broadly.",
    )
    EXECUTIVE = (
        "executive",
        "General context: executive agencies and bureaucracies; governmental issues other than elections and "
        "legislative.",
    )
    ELECTION = "election", "General context: elections and campaigns."
    LEGISLATIVE = "legislative", "General context: legislative debate, parliamentary coalition formation."
    CBRN = "cbrn", "General context: chemical, biological, radiation, and nuclear weapons or attacks."
    CYBER = "cyber", "General context: cyber attacks and crime."
    POLITICAL_INSTITUTIONS = (
        "political_institutions",
        "General context: mentions of norms, political institutions, democratic backsliding, political parties, etc.",
    )
    CORRUPTION = (
        "corruption",
        "General context: anything relating to mentions of corruption, i.e. illegally using public office for "
        "private gain.",
    )
    CRIME = "crime", "General context: any discussion of crimes or criminals."
    ILLEGAL_DRUGS = (
        "illegal_drugs",
        "General context: criminal possession, distribution, sale, or manufacturing of illegal drugs.",
    )
    HISTORICAL = (
        "historical",
        'Special context: a past event ("During the decolonization struggle, Angolan forces...").',
    )
    FUTURE = "future", 'Special context: an event reported as future ("Members of the G-7 will meet in Ottawa...").'
    HYPOTHETICAL = (
        "hypothetical",
        'Special context: a hypothetical event ("If Russian forces were to cross the border...").',
    )
    NEGATION = (
        "negation",
        'Special context: a negated event, which can be excluded from the final dataset ("fighting has not '
        're-emerged").',
    )


PLOVER_SPECIAL_CONTEXTS: tuple[PloverContext, ...] = (
    PloverContext.HISTORICAL,
    PloverContext.FUTURE,
    PloverContext.HYPOTHETICAL,
    PloverContext.NEGATION,
)
"""The manual's "Four special context categories", which the coding engine resolves."""

# --------------------------------------------------------------------------------------------------------------
# UCDP GED. The GED codebook itself was not found with the search tool; see the module docstring for sources.
# --------------------------------------------------------------------------------------------------------------

UCDP_TYPE_OF_VIOLENCE: dict[int, str] = {
    1: "State-based conflict: a contested incompatibility that concerns government and/or territory where the use "
    "of armed force between two parties, of which at least one is the government of a state, results in at least "
    "25 battle-related deaths in one calendar year.",
    2: "Non-state conflict: the use of armed force between two organised armed groups, neither of which is the "
    "government of a state, resulting in at least 25 battle-related deaths in a calendar year.",
    3: "One-sided violence: the use of armed force against civilians by the government of a state, or a formally "
    "organised group, that results in at least 25 deaths in a calendar year.",
}
"""UCDP GED type_of_violence (1 state-based, 2 non-state, 3 one-sided)."""

UCDP_DATE_PREC: dict[int, str] = {
    1: "The exact date of the event is known.",
    2: "Start and end dates are of unspecified character, spanning more than one calendar day but no longer than "
    "six days.",
    3: "Start and end dates are specified to a certain week, but specific dates are not provided.",
    4: "Start and end dates are specified to a certain month.",
    5: "Start and end dates are specified to a certain year, but specific dates are not provided.",
}
"""UCDP GED date_prec: how precise the information is about the date of an event (1 most precise)."""

UCDP_WHERE_PREC: dict[int, str] = {
    1: "The location information corresponds exactly to the geographical coordinates available.",
    2: "The location information refers to a limited area around a specified location.",
    3: "The source refers to a second order administrative division (ADM2) such as a district or municipality; "
    "the centroid of that ADM2 is used.",
    4: "The source refers to a first order administrative division (ADM1) such as a province; the centroid of "
    "that ADM1 is used.",
    5: "Parts of a country larger than ADM1 but smaller than the country, a point between two locations, a "
    "non-independent island, or a location only vaguely given or relative to another.",
    6: "The location refers to an entire country, and its centroid is used.",
    7: "The event takes place over water or in international airspace; the coordinates are the centroid of that "
    "water area or estimated.",
}
"""UCDP GED where_prec: the precision with which the coordinates are measured (1 most precise)."""

UCDP_EVENT_CLARITY: dict[int, str] = {
    1: "The reporting is clear enough to allow full identification of the event (high clarity).",
    2: "The reporting is not clear enough to identify the event fully, e.g. aggregated reports (low clarity).",
}
"""UCDP GED event_clarity."""
