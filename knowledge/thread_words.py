"""Word tables of knowledge/thread.py (messages are lower case, single-spaced).

Written from the kinds of message the issue lists and the development set of
conversations (tests/conversations/dev.yml); the held-out set was not used.
"""

import re

# After an emergency or urgent answer: the same problem, in other words.
_STATE = (r"better|worse|calm(ed|ing)? down|eas(e|ed|es|ing)( off)?|settl\w*|gone down|going down|"
          r"down a (bit|touch|little)|smaller|bigger|spread\w*|subsid\w*|improv\w*|stopped|slowed|"
          r"(fine|ok|okay|alright|good) now|not (that|so|too) bad|still (there|red|swollen|sore|hot|bleeding|"
          r"oozing|itchy|painful|puffy|there)|shaky|wobbly|feels? (fine|ok|okay|better|weird|funny|odd)|fuss|"
          r"(doesn'?t|don'?t) want")
_WAITING = (r"wait\w*|leave it|see (how|if|what)|sleep it off|hold off|give it (a|another|till|until)|"
            r"\btill\b|until|next week|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
            r"weekend|(in the )?mean ?time|for now|first\b")
_GOING = (r"go(ing)? in|go to work|\bwork\b|appointment|appt|follow[- ]?up|drive|driving|lift|ambulance|a ?& ?e|"
          r"a and e|hospital|\ber\b|emergency room|doctor|\bgp\b|nurse|urgent care|\b111\b|\b999\b|\b911\b|"
          r"pharmacist|chemist|walk[- ]in")
_REMEDY = (r"antihistamine|piriton|benadryl|cetirizine|paracetamol|ibuprofen|painkiller|tablet|pill|\bice\b|"
           r"cold compress|sudocrem|savlon|germolene|cream|ointment|aloe|vaseline|take something|inhaler")
_NEED = (r"(do|should|must) i (still |really |actually |even )?(need|have) to|(still|really|actually) need|"
         r"is (a|the) call (really )?needed|bother(ing)? (them|the clinic|anyone)|overreact\w*|panic\w*|"
         r"worr(y|ied)|serious|dangerous|just (puffiness|swelling|redness|a reaction)|is it (bad|ok|okay|normal)")
_PROBLEM = (r"\b(it|they|them|this|that)('s|'re| is| are| look\w*| feel\w*| seem\w*| has| have| was)\b|"
            r"could it be|is it (cos|because)|\bcos\b|because|pop (them|it)|squeez\w*|pick (them|it|at)|"
            r"like this|my (face|skin|lips|eyes|throat|chest|breathing|cheek\w*|chin|neck|jaw|forehead)")
CONTINUES_A_WARNING = re.compile("|".join(rf"\b({group})" for group in (_STATE, _WAITING, _GOING, _REMEDY, _NEED))
                                 + "|" + _PROBLEM)

# The patient says the question is a new one.
NEW_QUESTION = re.compile(r"^(also|and also|another (question|thing)|different (question|topic)|unrelated|"
                          r"on another note|changing the subject|btw|by the way|one more (thing|question)|"
                          r"random question|separate question)\b")

# A short message that refers back to the last answer instead of naming its own topic.
MAX_LEANING_WORDS = 18
LEANS_BACK = re.compile(
    r"^(and|so|but|ok so|okay so|or|hmm|right so)\W+(that|it|this|those|them|then|if|what|why|how come|when|after|"
    r"afterwards|how long|how many)\b"
    r"|\b(what if|and if|even if|if it'?s|if i|in (that|this) case)\b"
    r"|\bwhat about (it|that|those|them|this|these|then)\b"
    r"|\b(does|do|would|will|is|was|can|could) (that|this|it|those) (count|apply|include|cover|mean|work|matter|"
    r"go for|last|take|be)\b"
    r"|\b(that|this) (counts?|applies|includes?|covers?)\b"
    r"|\bdepends? on\b|\bwhat'?s that\b|\bwhat (does|did) (that|it) mean\b|\bwhat do you mean\b"
    r"|\b(when|how long) (then|though)\b|\bso when\b|\bwhen am i allowed\b|\bhow come\b|\bthat long\b"
    r"|\bwhy\b|\b(then|though|tho)\W*$|^(really|seriously|honestly)\W*$")

# "why not??", "how come?": a sentence of its own asking the reason of the last answer.
WHY_ALONE = re.compile(r"^\W*(but |ok |so )?(why|how come|why not|but why)( not)?\s*([?!.]+|$)")

# A question that goes on from the last one, about the same day.
SAME_DAY_AGAIN = re.compile(r"^\W*(and|also|plus|but|what about|how about|and what about|same for|same with)\b")

# A typed answer to the assistant's own yes-or-no question (a call-back offer).
YES = re.compile(r"^\W*(y|yes|yeah|yea|yep|yup|ya|sure|ok|okay|please|go on|go ahead|please do|definitely|"
                 r"absolutely|that would be|that'?d be|sounds good|why not|i would|i'?d like|call me|ring me|"
                 r"phone me|get (them|someone) to call)\b")
# Anywhere in an answer to the offer: "actually yeah i'd rather someone called me back".
WANTS_A_CALL = re.compile(r"\b((call|ring|phone)(ed|s)?|rang|give) me( a (call|ring|bell))?( back)?\b|\bcall-?backs?\b"
                          r"|\b(call|ring|phone)(ed)? back\b")
NO = re.compile(r"^\W*(n|no|nah|nope|no thanks?|no ta|not now|not really|not right now|maybe later|later|another time|"
                r"i'?m (ok|okay|fine|good|alright)|"
                r"you'?re (alright|ok|fine)|i'?ll (just )?(email|call|ring|phone|contact|message|text|do it|sort it)|"
                r"don'?t (worry|bother|call)|no need|it'?s (ok|okay|fine)|all good|i'?m good)\b"
                r"|\bno need to (call|ring|phone)\b|\bdon'?t (call|ring|phone) me\b")

# "what's that when it's at home?": explain the last answer.
WHAT_IS_THAT = re.compile(r"\bwhat'?s (that|those|these|it|them) when (it'?s|they'?re) at home\b"
                          r"|\bwhat (is|are|'s|r) (that|those|these)\b|\bwhat does (that|it) mean\b|\bmeaning of\b"
                          r"|\bnever heard of\b|\bwhat on earth\b|\bwhats that\b")
WHEN_THEN = (r"\b(so )?when (then|am i allowed|can i( then)?|is it (ok|okay|fine|safe)|will it be (ok|okay|fine))\W*$"
             r"|\bhow long(?: (?:then|for that)|'?s the wait| is the wait)\b|\bhow many more (days|hours|weeks)\b")
# "ok bye", "yes thanks": a sign-off, not an answer to the offer.
SIGN_OFF = re.compile(r"\b(bye|goodbye|thanks?|thank you|cheers|ta|thx|ty)\b")

# After ordinary healing was described: how long it lasts ("how long will the pinkness last?").
HOW_LONG = re.compile(r"\b(how long|how many days|go(es)? away|fade\w*|settle\w*|wear off|clear up|last)\b")

# After a condition the articles don't cover: the same condition later or changed
# ("what about once I finish the course?", "and if I stop it for a month first?").
NOT_COVERED_AGAIN = re.compile(
    r"\b(once|after|when|if|until) (i'?m|i am|i'?ve|i have|i|she|he|they)( \w+)? (finish\w*|stop\w*|come off|came off|"
    r"done|off|quit\w*|finished|through|better|over it|recovered|healed|clear)\b"
    r"|\b(finish\w*|stop\w*|come off|coming off|quit\w*) (it|them|the course|the tablets|taking)\b"
    r"|\b(after|once) (the|my|her|his) (course|treatment course|tablets|baby|pregnancy|breastfeeding|op|operation)\b")

# After an aftercare rule: when the thing of that rule is allowed again, said with
# "it"/"them" ("what day can I use it?", "how long do I avoid them?", "when can I go back then?").
WHEN_FOR_THAT_RULE = re.compile(
    r"\b(when|what day|how long|how soon|how many days)\b.{0,25}?\b(use|using|start|go back|get back|do|wear|put|apply|"
    r"have|avoid|stay off|keep off|wait|allowed|restart|resume|touch)\b.{0,15}?\b(it|them|that|those|these|again|back|then)\b"
    r"|\bhow long (till|until|before) (the|my|i can use (the|my)) \w+( \w+)? (is|are|will be|can) ?(ok|okay|fine|allowed|go)?")
